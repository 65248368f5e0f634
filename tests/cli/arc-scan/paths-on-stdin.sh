$MKFIXTURE tree scans
printf "scans/nota-dinas.txt\n\nscans/surat/undangan.pdf\n" | arc-scan
