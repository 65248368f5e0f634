# A read-only archive (its folder, database and copies without write
# permission, for a user other than root, who ignores them): arc-index says
# so in one line, exit 2, and changes nothing; arc-find still searches it,
# and arc-index --check still checks it.  tests/faults/mounts does the same
# on a read-only filesystem.
. "$ARC_TESTS/cli/letters.inc"
echo "Surat baru tentang pelayanan." >surat/baru.txt
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >scan.jsonl
mkdir kantor
grep -v baru.txt scan.jsonl | arc-index --db kantor/arsip.db
# as_clerk: runs a command as a user that permissions hold back.
if [ "$(id -u)" = 0 ]; then
	chmod 755 .
	chown -R nobody kantor
	as_clerk() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
else
	as_clerk() { "$@"; }
fi
chmod -R a-w kantor
ls -lR kantor | sha256sum >before
as_clerk arc-index --db kantor/arsip.db scan.jsonl
echo "exit $?"
as_clerk arc-find --db kantor/arsip.db pelayanan | jq -r .path
echo "exit $?"
as_clerk arc-index --db kantor/arsip.db --check
echo "exit $?"
ls -lR kantor | sha256sum -c --quiet before && echo "archive unchanged"
# Only the copies' folder read-only: the new document cannot be copied.
# (The database's -wal and -shm stay between runs: writable with it.)
chmod u+w kantor kantor/arsip.db kantor/arsip.db-wal kantor/arsip.db-shm
as_clerk arc-index --db kantor/arsip.db scan.jsonl
echo "exit $?"
as_clerk sqlite3 kantor/arsip.db "SELECT count(*) FROM doc"
# A clerk of the archive's group: the folders writable, the database not
# (the service account's, 0640).  --forget says so in one line and erases
# nothing; --check checks it read-only.
chmod -R u+w kantor
chmod a-w kantor/arsip.db
as_clerk arc-index --db kantor/arsip.db --forget \
    "$(sqlite3 kantor/arsip.db "SELECT sha256 FROM doc WHERE path LIKE '%sk.txt'")"
echo "exit $?"
echo "copies: $(find kantor/arsip.files -type f | wc -l)"
as_clerk arc-index --db kantor/arsip.db --check
echo "exit $?"
chmod -R u+w kantor
as_clerk arc-index --db kantor/arsip.db scan.jsonl
echo "exit $?"
