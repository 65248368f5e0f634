# A file whose name is not UTF-8 cannot be named in a record: it is reported.
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
printf 'x' > "$(printf 'scans/caf\351.txt')"
scan scans
