# --check finds a damaged or missing copy: exit 1, naming the document.
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
copy=$(sqlite3 arsip.db "SELECT archived FROM doc WHERE path = 'surat/sk.txt'")
echo "rusak" >>"$copy"
rm "$(sqlite3 arsip.db "SELECT archived FROM doc WHERE path = 'surat/english.txt'")"
arc-index --db arsip.db --check
