# A compressed file that is not a tar is a document like any other.
printf "surat keterangan\n" | gzip -n > surat.txt.gz
touch -d @1767323046 surat.txt.gz
arc-scan surat.txt.gz
