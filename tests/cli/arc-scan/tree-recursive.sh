# Hidden and temporary files are left alone; the rest is recorded in name order.
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
scan -r scans
