# Every report over an archive of three letters in two folders, one failed
# scan and a chatbot log: JSON lines, CSV, a table, and a date range.
mkdir -p masuk/umum masuk/keuangan
echo 'Undangan rapat koordinasi' >masuk/umum/a.txt
echo 'Surat keputusan bupati' >masuk/umum/b.txt
echo 'Laporan keuangan triwulan' >masuk/keuangan/c.txt
for f in masuk/umum/a.txt masuk/umum/b.txt; do
	arc-scan "$f" | sed "s|}\$|, \"text\": \"$(cat "$f")\"}|"
done | arc-tag | arc-index --db a.db -q
# A scan of three pages: one read well, one badly, one from a text layer.
arc-scan masuk/keuangan/c.txt | sed 's|}$|, "text": "Laporan keuangan triwulan", "pages": 3, "ocr": {"confidence": 67, "pages": [{"page": 1, "source": "ocr", "confidence": 93}, {"page": 2, "source": "ocr", "confidence": 41}, {"page": 3, "source": "text"}]}}|' |
    arc-tag | arc-index --db a.db -q
echo '{"sha256": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", "path": "masuk/rusak.jpg", "error": {"stage": "ocr", "message": "not an image"}}' |
    arc-index --db a.db -q
chat() { printf '{"q": "%s", "status": "%s", "time": "%s", "session": "%s"}\n' "$@"; }
{
	chat 'ktp ilang gmn' answered 2026-11-27T09:00:00+07:00 s1
	chat 'harga bitcoin' declined 2026-11-27T09:01:00+07:00 s2
	chat 'bitcoin harga brp' declined 2026-11-28T10:00:00+07:00 s3
	chat 'Harga Bitcoin' declined 2026-11-28T10:05:00+07:00 s4
	chat 'izin' suggested 2026-11-28T11:00:00+07:00 s5
	chat 'resep nasi goreng' declined 2026-11-28T12:00:00+07:00 s6
} | arc-index --db a.db -q
today=$(date +%Y-%m-%d)
arc-report --db a.db | sed "s/$today/TODAY/g"
echo "exit $?"
arc-report --db a.db --format csv chat unanswered
arc-report --db a.db --format table folders chat
arc-report --db a.db --since 2026-11-28 --until 2026-11-28 chat
arc-report --db a.db --until 2026-10 documents
arc-report --db a.db --since 2026 documents | sed "s/$today/TODAY/"
echo "exit $?"
