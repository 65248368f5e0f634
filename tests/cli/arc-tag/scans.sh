# A scan or PDF named where records are due is one line naming the next
# step, not a line per "record" in it; the good file after it is still
# tagged; the same for a scan on standard input; exit 1.
echo 'undangan any undangan' > r.rules
echo '{"path": "a.txt", "text": "undangan"}' > good.jsonl
cp "$SAMPLES/undangan-rapat-koordinasi.png" surat.png
cp "$SAMPLES/surat-keterangan-domisili.pdf" surat.pdf
arc-tag -r r.rules surat.png surat.pdf good.jsonl
echo "status $?"
arc-tag -r r.rules <surat.pdf
echo "status $?"
