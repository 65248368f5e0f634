# Under an Indonesian locale arc-index's summary, --check's report and its
# usage errors read in Indonesian; the archive keeps the English.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
export LC_ALL=id_ID.UTF-8
printf 'Surat keterangan domisili\n' > domisili.txt
arc-scan domisili.txt | arc-ocr | arc-tag | arc-index --db a.db
echo "exit $?"
arc-index --db a.db --check
echo "exit $?"
arc-index --db a.db --check --optimize
echo "exit $?"
arc-index --db a.db --forget 123
echo "exit $?"
arc-index --db none.db --check
echo "exit $?"
