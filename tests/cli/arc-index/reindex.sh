# Indexing the same documents again changes nothing and duplicates nothing;
# a changed text is updated; the originals are never touched.
. "$ARC_TESTS/cli/letters.inc"
sha256sum surat/* >before
make_archive 2>/dev/null
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >records
arc-index --db arsip.db records
jq -c 'if .path == "surat/sk.txt" then .text += " Tambahan." else . end' records |
	arc-index --db arsip.db
sqlite3 arsip.db "SELECT count(*), count(DISTINCT sha256) FROM doc"
arc-find --db arsip.db tambahan | jq -r .path
sha256sum -c --quiet before && echo "originals untouched"
