# --check finds a damaged or missing copy: exit 1, naming the document.
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
echo "rusak" >>"$(copy_of surat/sk.txt)"
rm "$(copy_of surat/english.txt)"
arc-index --db arsip.db --check
