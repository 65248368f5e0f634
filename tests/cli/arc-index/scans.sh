# A scan or PDF named where records are due is one line naming the next
# step, not a line per "record" in it; the good file after it is still
# archived; exit 1.
mkdir surat
echo "Undangan rapat koordinasi" > surat/undangan.txt
arc-scan surat | arc-ocr -j 1 | arc-tag >good.jsonl
cp "$SAMPLES/undangan-rapat-koordinasi.png" surat.png
cp "$SAMPLES/surat-keterangan-domisili.pdf" surat.pdf
arc-index --db arsip.db surat.png surat.pdf good.jsonl
echo "status $?"
sqlite3 arsip.db "SELECT path, state FROM doc ORDER BY path"
