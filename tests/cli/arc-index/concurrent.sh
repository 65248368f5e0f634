# Two arc-index at once on the same archive both succeed, waiting for each
# other, and leave no duplicate.
. "$ARC_TESTS/cli/letters.inc"
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >records
for i in 1 2 3 4; do
	arc-index -q --db arsip.db records &
done
wait
echo "done"
sqlite3 arsip.db "SELECT count(*), count(DISTINCT sha256) FROM doc"
arc-index --db arsip.db --check 2>&1 | sed 's/^arc-index: [^:]*: /arc-index: DB: /'
