# 200 MB of zeros in a 200 KB zip is refused, not unpacked; the next file still goes.
$MKFIXTURE bomb bom.zip
$MKFIXTURE zip arsip.zip
arc-scan bom.zip arsip.zip
