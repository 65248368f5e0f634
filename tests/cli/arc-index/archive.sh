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
arc-find --db arsip.db --json | jq -r '.archived + "|" + .sha256' |
while IFS='|' read -r copy sha; do
	case $copy in
	arsip.files/??/"$sha".txt) ;;
	*) echo "COPY NAMED $copy" ;;
	esac
	[ "$(sha256sum <"$copy" | cut -c1-64)" = "$sha" ] || echo "BAD COPY $copy"
done
arc-index --db arsip.db --check 2>&1 | sed 's/^arc-index: [^:]*: /arc-index: DB: /'
