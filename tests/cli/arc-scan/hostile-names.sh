# Names that climb out of a folder, are absolute, or hide control characters
# or invalid UTF-8 are refused with an error record; the good member is read.
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE hostile-zip names.zip
$MKFIXTURE hostile-tar names.tar
scan names.zip names.tar
