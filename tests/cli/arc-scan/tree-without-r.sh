. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
scan scans
