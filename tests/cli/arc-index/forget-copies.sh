# Copies beside the one a row points to: the same bytes archived again
# under another type (libmagic updated) leave one copy, under the new
# name; copies no row points to (a run killed after copying, or older
# arc's second copies) are removed by --check once an hour old, and
# --forget erases every copy of a document, with or without a row.
. "$ARC_TESTS/cli/letters.inc"
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >letters.jsonl
grep -v pengaduan letters.jsonl | arc-index -q --db arsip.db
sha() { jq -r "select(.path | contains(\"$1\")) | .sha256" letters.jsonl; }
copies() { find arsip.files -type f -name "$1*" | sed 's|.*/[0-9a-f]\{64\}|SHA|' | sort | tr '\n' ' '; echo; }
check() {
	arc-index --db arsip.db --check 2>said
	echo "check $?"
	sed "s/$sk/SK/; s/^arc-index: [^:]*: /arc-index: DB: /" said
}
domisili=$(sha domisili) sk=$(sha sk.txt) pengaduan=$(sha pengaduan)
echo "-- the same bytes, another type"
grep domisili letters.jsonl | jq -c '.mime = "application/octet-stream"' |
    arc-index --db arsip.db
echo "copies: $(copies "$domisili")"
arc-find --db arsip.db --json Sukamaju | jq -r '.archived | sub(".*/"; "") | sub("[0-9a-f]{64}"; "SHA")'
# A row of an older archive keeps its copy's path, spelled as that run
# was given the archive (here absolute): the same file, kept.
sqlite3 arsip.db "UPDATE doc SET archived = '$PWD/arsip.files/' ||
    substr(sha256, 1, 2) || '/' || sha256 WHERE sha256 = '$domisili'"
grep domisili letters.jsonl | jq -c '.mime = "application/octet-stream"' |
    arc-index -q --db arsip.db
echo "copies: $(copies "$domisili")"
echo "-- copies no row points to"
folder=arsip.files/$(echo "$pengaduan" | cut -c1-2)
mkdir -p "$folder"
cp surat/pengaduan.txt "$folder/$pengaduan.txt"
cp surat/sk.txt "arsip.files/$(echo "$sk" | cut -c1-2)/$sk.pdf"
# A run's copy may be a minute old and its row not yet committed: left.
check
touch -d '2 hours ago' "$folder/$pengaduan.txt" \
    "arsip.files/$(echo "$sk" | cut -c1-2)/$sk.pdf"
check
echo "pengaduan: $(copies "$pengaduan")"
echo "sk: $(copies "$sk")"
echo "-- --forget erases every copy"
cp surat/pengaduan.txt "$folder/$pengaduan.txt"
arc-index --db arsip.db --forget "$pengaduan" 2>said
echo "forget $?"
sed "s/$pengaduan/PENGADUAN/" said
cp surat/sk.txt "arsip.files/$(echo "$sk" | cut -c1-2)/$sk.pdf"
arc-index --db arsip.db --forget "$sk" 2>said
echo "forget $?"
sed "s/$sk/SK/; /original is still here/d" said
echo "left: $(copies "$pengaduan")$(copies "$sk")"
echo "-- a copy of an erased document put back"
cp surat/sk.txt "arsip.files/$(echo "$sk" | cut -c1-2)/$sk.txt"
check
echo "left: $(copies "$sk")"
check
echo "-- archived although erased (as an older arc-index running beside --forget left it)"
sqlite3 arsip.db "INSERT INTO forgotten VALUES ('$domisili', '2026-12-01T00:00:00Z')"
sk=$domisili check
arc-index --db arsip.db --forget "$domisili" 2>said
echo "forget $?"
sed "s/$domisili/DOMISILI/; /original is still here/d" said
check
