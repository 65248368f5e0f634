# The pipeline into a new archive: every letter archived with a verified
# copy named by its sha256; files readable by owner and group only.
. "$ARC_TESTS/cli/letters.inc"
make_archive
echo "status $?"
sqlite3 arsip.db "SELECT state, title, tanggal, nomor FROM doc ORDER BY path"
for f in arsip.db arsip.files arsip.files/*/*; do
	stat -c '%A' "$f"
done | sort | uniq -c
# The copies are the originals, byte for byte.
sqlite3 arsip.db "SELECT archived, sha256 FROM doc" | while IFS='|' read -r copy sha; do
	[ "$(sha256sum <"$copy" | cut -c1-64)" = "$sha" ] || echo "BAD COPY $copy"
done
arc-index --db arsip.db --check 2>&1 | sed 's/^arc-index: [^:]*: /arc-index: DB: /'
