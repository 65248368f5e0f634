# An operand whose path is not UTF-8, a file or a folder given on the command
# line or on standard input, is reported as a name met in a folder is: a
# record's path must name the file.  The good operands are read.
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
mkdir "$(printf 'arsip-caf\351')"
cp -p scans/nota-dinas.txt "$(printf 'arsip-caf\351/')"
cp -p scans/nota-dinas.txt "$(printf 'caf\351.txt')"
scan "$(printf 'arsip-caf\351')" "$(printf 'caf\351.txt')" scans/nota-dinas.txt
echo "exit $?"
printf 'arsip-caf\351/nota-dinas.txt\n' | scan
