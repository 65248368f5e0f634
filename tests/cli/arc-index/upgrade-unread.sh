# An archive of schema 3, from before files that could not be read were
# counted: read-only tools read it as it is; arc-index adds the unread
# table (schema 4) and counts such a file there, by its path.
echo 'Surat undangan' >a.txt
arc-scan a.txt | sed 's/}$/, "text": "Surat undangan"}/' | arc-index --db old.db -q
sqlite3 old.db "DROP TABLE unread; ALTER TABLE doc DROP COLUMN title_guessed;
    PRAGMA user_version = 3"
unread='{"path": "scans/k.txt", "error": {"stage": "scan", "message": "Permission denied"}}'
echo "read-only tools on the old archive:"
arc-report --db old.db failures
echo "exit $?"
echo "$unread" | arc-index --db old.db
echo "exit $?"
echo "$unread" | arc-index --db old.db
echo "user_version $(sqlite3 old.db 'PRAGMA user_version')"
sqlite3 old.db "SELECT path, member, attempts, error FROM unread"
arc-report --db old.db failures | sed 's/"last_tried":"[^"]*"/"last_tried":"T"/'
arc-index --db old.db --check
echo "exit $?"
