# An archive of schema 2 from before conversations and OCR confidence were
# kept: arc-index adds the table and the column, and keeps what was there.
echo 'Surat undangan' >a.txt
arc-scan a.txt | sed 's/}$/, "text": "Surat undangan"}/' | arc-index --db old.db -q
sqlite3 old.db "DROP TABLE chat; ALTER TABLE doc DROP COLUMN confidence;
    ALTER TABLE doc DROP COLUMN title_guessed; PRAGMA user_version = 2"
echo "read-only tools on the old archive:"
arc-find --db old.db undangan | sed 's/.*"path":"\([^"]*\)".*/\1/'
arc-report --db old.db chat review
echo "exit $?"
echo '{"q": "halo", "status": "answered", "time": "2026-11-29T08:00:00+07:00", "session": "s"}' |
    arc-index --db old.db
echo "exit $?"
sqlite3 old.db "SELECT count(*) FROM chat; SELECT path, confidence IS NULL FROM doc"
arc-index --db old.db --check
echo "exit $?"
