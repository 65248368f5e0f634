$MKFIXTURE tree scans
mkfifo scans/pipa
arc-scan scans/pipa scans/nota-dinas.txt
