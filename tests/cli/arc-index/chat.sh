# faqbot's log goes into the same archive as the documents: one row per
# interaction, kept once however often the log is indexed again, NIKs
# masked, documents and conversations in one stream.
cat >kb.faq <<'END'
id: ktp-hilang
q: ktp saya hilang bagaimana mengurusnya
a: Bawa surat kehilangan dari polisi.

id: _decline
a: Maaf, belum bisa kami jawab.
END
printf '%s\n' '{"q": "ktp ilang gmn", "session": "w1"}' \
    '{"q": "resep nasi goreng", "session": "w2"}' |
    faqbot -f kb.faq --log chat.log >/dev/null
# A record another program made, with a NIK in clear.
echo '{"q": "NIK 3201234567890001 ktp hilang", "status": "declined", "time": "2026-11-29T08:00:00+07:00", "session": "w3", "score": 0.1}' >>chat.log
echo 'Surat undangan rapat' >doc.txt
arc-scan doc.txt | sed 's/}$/, "text": "Surat undangan rapat"}/' >doc.jsonl
cat doc.jsonl chat.log | arc-index --db a.db
echo "exit $?"
arc-index --db a.db <chat.log
echo "exit $?"
sqlite3 a.db "SELECT session, q, status, entry, lang FROM chat ORDER BY session"
sqlite3 a.db "SELECT count(*) FROM doc"
echo '{"q": "no time", "status": "answered", "session": "x"}' | arc-index --db a.db
echo "exit $?"
