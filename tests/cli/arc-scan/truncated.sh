# Members before the damage are recorded, then the archive gets an error record.
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE truncated rusak.zip
scan rusak.zip
