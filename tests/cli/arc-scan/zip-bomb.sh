# 200 MB of zeros in a 200 KB zip is refused, not unpacked; the next file still goes.
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE bomb bom.zip
$MKFIXTURE zip arsip.zip
scan bom.zip arsip.zip
