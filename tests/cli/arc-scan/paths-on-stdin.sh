. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
printf "scans/nota-dinas.txt\n\nscans/surat/undangan.pdf\n" | scan
