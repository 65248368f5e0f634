# No report shows a NIK, whoever wrote it into the archive: a scan named
# by the citizen's NIK that failed, with the NIK in its error, a letter
# whose subject carries one, and a chatbot question (stored before arc
# masked them, or by another tool) that does.
mkdir masuk
echo 'Surat pengantar' >masuk/3201014505900002.txt
arc-scan masuk/3201014505900002.txt |
	sed 's|}$|, "text": "Perihal: Surat pengantar NIK 3201014505900002", "fields": {"perihal": "Pengantar NIK 3201 0145 0590 0002"}}|' |
	arc-tag | arc-index --db a.db -q
echo '{"sha256": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", "path": "masuk/ktp-3201014505900002.jpg", "error": {"stage": "ocr", "message": "masuk/ktp-3201014505900002.jpg: not an image"}}' |
	arc-index --db a.db -q
sqlite3 a.db "INSERT INTO chat (time, session, q, status) VALUES ('2026-11-28T09:00:00+07:00', 's1', 'status nik 3201014505900002 gmn', 'declined')"
today=$(date +%Y-%m-%d)
arc-report --db a.db | sed "s/$today/TODAY/g"
echo "exit $?"
arc-report --db a.db --format csv failures unanswered | sed "s/$today/TODAY/g"
echo "16 digits in a row: $(arc-report --db a.db --format table | grep -c '[0-9]\{16\}')"
