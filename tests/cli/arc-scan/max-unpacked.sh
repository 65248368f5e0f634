. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE zip arsip.zip
scan --max-unpacked 60 arsip.zip
