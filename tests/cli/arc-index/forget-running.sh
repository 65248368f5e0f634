# An arc-index already running when a document is erased (the nightly run
# goes on for hours) does not archive it again: it looks the erasure up in
# each of its write transactions, says so, and erases the copy it made.
# A document erased while its record waits in the running arc-index's
# input: no row, no copy, --check clean.
. "$ARC_TESTS/cli/letters.inc"
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >letters.jsonl
grep -v domisili letters.jsonl | arc-index -q --db arsip.db
grep domisili letters.jsonl >domisili.jsonl
domisili=$(jq -r .sha256 domisili.jsonl)
# Archived once, then erased while a second arc-index waits for input.
arc-index -q --db arsip.db domisili.jsonl
mkfifo feed
arc-index --db arsip.db feed 2>running.err &
# Returns once that arc-index has opened its input: it has begun, and read
# the list of erased documents it starts with.
exec 3>feed
arc-index --db arsip.db --forget "$domisili" 2>&1 |
    sed "s/$domisili/DOMISILI/; /original is still here/d"
cat domisili.jsonl >&3
exec 3>&-
wait $!
echo "running arc-index: exit $?"
sed "s/$domisili/DOMISILI/" running.err
echo "rows: $(sqlite3 arsip.db "SELECT count(*) FROM doc WHERE sha256 = '$domisili'")"
echo "copies: $(find arsip.files -name "$domisili*" | wc -l)"
arc-index --db arsip.db --check 2>&1 | sed 's/^arc-index: [^:]*: /arc-index: DB: /'
