# --new offers a document that failed again, until it failed --retries
# times; then it says so on stderr at every run instead (not in silence).
head -c 3000 /dev/urandom >broken.jpg 2>/dev/null || dd if=/dev/zero of=broken.jpg bs=1k count=3 2>/dev/null
echo 'Surat undangan' >ok.txt
for night in 1 2 3 4; do
	echo "night $night:"
	arc-scan --new --db a.db broken.jpg ok.txt >offered.jsonl
	echo "exit $?"
	sed 's/.*"path":"\([^"]*\)".*/\1/' offered.jsonl
	arc-ocr <offered.jsonl 2>/dev/null | arc-index --db a.db -q
done
sqlite3 a.db "SELECT path, attempts FROM doc WHERE state = 'failed'"
echo "--retries 5:"
arc-scan --new --db a.db --retries 5 broken.jpg | sed 's/.*"path":"\([^"]*\)".*/\1/'
arc-report --db a.db failures | sed 's/"last_tried":"[^"]*"/"last_tried":"T"/; s/"sha256":"[^"]*"/"sha256":"S"/; s/"error":"[^"]*"/"error":"E"/'
