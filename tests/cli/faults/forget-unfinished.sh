# --forget stopped after its first step (the rows out, the sha256 noted)
# by a failing disk while it overwrites the copy (fsync(2) fails with EIO):
# exit 2 and a line saying to run it again; --check reports the erasure as
# unfinished; running --forget again, or the next arc-index run, finishes
# it: no copy, no row, --check clean.
. "$ARC_TESTS/cli/faults/faults.inc"
. "$ARC_TESTS/cli/letters.inc"
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >letters.jsonl
arc-index -q --db arsip.db letters.jsonl
sha() { jq -r "select(.path | contains(\"$1\")) | .sha256" letters.jsonl; }
domisili=$(sha domisili) sk=$(sha sk.txt)
hide() { sed "s/$domisili/DOMISILI/g; s/$sk/SK/g; s/^arc-index: [^:]*\.db: /arc-index: DB: /"; }
for doc in "$domisili" "$sk"; do
	fiu 'enable name=posix/io/sync/fsync,failinfo=5' \
	    arc-index --db arsip.db --forget "$doc" 2>said
	echo "forget: exit $?"
	hide <said
done
echo "rows: $(sqlite3 arsip.db "SELECT count(*) FROM doc WHERE sha256 IN ('$domisili', '$sk')")"
echo "copies: $(find arsip.files -name "$domisili*" -o -name "$sk*" | wc -l)"
arc-index --db arsip.db --forget "$domisili" 2>said
echo "forget again: exit $?"
hide <said
arc-index --db arsip.db --check 2>said
echo "check: exit $?"
hide <said
grep surat/pengaduan letters.jsonl | arc-index --db arsip.db 2>said
echo "next run: exit $?"
hide <said
echo "copies: $(find arsip.files -name "$domisili*" -o -name "$sk*" | wc -l)"
arc-index --db arsip.db --check 2>said
echo "check: exit $?"
hide <said
