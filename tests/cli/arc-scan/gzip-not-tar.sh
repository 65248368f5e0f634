# A compressed file that is not a tar is a document like any other.
. "$ARC_TESTS/cli/arc-scan/records.inc"
printf "surat keterangan\n" | gzip -n > surat.txt.gz
touch -d @1767323046 surat.txt.gz
scan surat.txt.gz
