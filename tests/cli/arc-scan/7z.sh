. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE 7z arsip.7z
scan arsip.7z
