# An arc-index already running when documents are erased (the nightly run
# goes on for hours) does not archive them again: it looks the erasures up
# in each of its write transactions, says so, and erases what it made of
# them (the copy, the searchable PDF arc-ocr wrote); their words do not
# come back into the vocabulary.  Documents erased while their records
# wait in the running arc-index's input: no row, no copy, no PDF, no word
# of theirs, --check clean.
. "$ARC_TESTS/cli/letters.inc"
cp "$SAMPLES/undangan-rapat-koordinasi.png" surat/
mkdir pdf
arc-scan -r surat | arc-ocr -j 1 --pdf pdf | arc-tag -j 1 >letters.jsonl
grep -v -e domisili -e png letters.jsonl | arc-index -q --db arsip.db
grep -e domisili -e png letters.jsonl >erased.jsonl
domisili=$(grep domisili erased.jsonl | jq -r .sha256)
png=$(grep png erased.jsonl | jq -r .sha256)
hide() { sed "s/$domisili/DOMISILI/; s/$png/PNG/"; }
vocabulary() {
	sqlite3 arsip.db "SELECT group_concat(w, ' ') FROM (SELECT w FROM word
	    WHERE w IN ('Siti', 'Aminah', 'Sukamaju') ORDER BY w)"
}
# Archived once, then erased while a second arc-index waits for input.
arc-index -q --db arsip.db erased.jsonl
echo "vocabulary before: $(vocabulary)"
mkfifo feed
arc-index --db arsip.db feed 2>running.err &
# Returns once that arc-index has opened its input: it has begun, and read
# the list of erased documents it starts with.
exec 3>feed
arc-index --db arsip.db --forget "$domisili" "$png" 2>&1 |
    hide | sed '/original is still here/d'
# As arc-ocr would write them again for the running arc-index's input.
arc-scan surat/undangan-rapat-koordinasi.png | arc-ocr -j 1 --pdf pdf >/dev/null
echo "pdf before: $(ls pdf | hide)"
cat erased.jsonl >&3
exec 3>&-
wait $!
echo "running arc-index: exit $?"
hide <running.err
echo "rows: $(sqlite3 arsip.db "SELECT count(*) FROM doc WHERE sha256 IN ('$domisili', '$png')")"
echo "copies: $(find arsip.files -name "$domisili*" -o -name "$png*" | wc -l)"
echo "pdf: $(ls pdf | wc -l)"
echo "vocabulary after: $(vocabulary)"
arc-index --db arsip.db --check 2>&1 | sed 's/^arc-index: [^:]*: /arc-index: DB: /'
