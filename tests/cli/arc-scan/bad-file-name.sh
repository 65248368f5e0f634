# A file whose name is not UTF-8 cannot be named in a record: it is read by
# its real name and recorded with its sha256, a repaired path and an error.
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
printf 'x' > "$(printf 'scans/caf\351.txt')"
touch -d '2026-01-02 03:04:06' "$(printf 'scans/caf\351.txt')"
scan scans
