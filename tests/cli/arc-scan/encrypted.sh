. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE encrypted sandi.zip
scan sandi.zip
