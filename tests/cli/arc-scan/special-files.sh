. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
mkfifo scans/pipa
scan scans/pipa scans/nota-dinas.txt
