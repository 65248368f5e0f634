. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE zip arsip.zip
scan arsip.zip
