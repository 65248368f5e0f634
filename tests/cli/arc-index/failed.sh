# A record with an error is kept as failed, and arc-scan --new offers it
# again, while archived documents are not; a document that cannot be read
# is kept as failed too; a record without sha256 is rejected; exit 1.
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
echo "Surat baru" > surat/baru.txt
printf '\377\330\377rusak' > surat/rusak.jpg
arc-scan -r --new --db arsip.db surat >new
jq -r .path new
arc-ocr -j 1 <new | arc-tag | arc-index --db arsip.db
echo "status $?"
arc-scan -r --new --db arsip.db surat | jq -r .path
{
	echo '{"path": "surat/hilang.txt", "sha256": "'"$(printf 'ab%.0s' $(seq 32))"'"}'
	echo '{"path": "surat/x.txt"}'
	echo '{rusak'
} | arc-index --db arsip.db
echo "status $?"
sqlite3 arsip.db "SELECT path, state, attempts, error FROM doc WHERE state = 'failed' ORDER BY path"
