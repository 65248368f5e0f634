# A failing flush to disk (EIO): exit 2 and a line saying so.  Failing for
# the copies (syncfs), the batch is not committed: no row claims a copy not
# known to be on the disk.  Failing for SQLite (fdatasync): each commit
# syncs the log (synchronous=FULL), so the run stops at the commit, and
# with a log another writer left, at the first commit too.
. "$ARC_TESTS/cli/faults/faults.inc"
. "$ARC_TESTS/cli/letters.inc"
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >letters.jsonl
head -n 2 letters.jsonl | arc-index --db arsip.db
echo "-- syncfs"
tail -n 3 letters.jsonl |
    fiu 'enable name=posix/io/sync/syncfs,failinfo=5' arc-index --db arsip.db
echo "exit $?"
archive_state arsip.db
echo "-- fdatasync, committing"
tail -n 3 letters.jsonl |
    fiu 'enable name=posix/io/sync/fdatasync,failinfo=5' arc-index --db arsip.db
echo "exit $?"
archive_state arsip.db
echo "-- fdatasync, at the end"
# Another writer left its log for the next one to fold into the database.
sqlite3 arsip.db ".dbconfig no_ckpt_on_close on" "BEGIN;
    INSERT INTO forgotten VALUES ('x', 'x'); DELETE FROM forgotten; COMMIT;" \
    >/dev/null
tail -n 3 letters.jsonl |
    fiu 'enable name=posix/io/sync/fdatasync,failinfo=5' arc-index --db arsip.db
echo "exit $?"
# Stored, and whole; the next run flushes them.
arc-index --db arsip.db --check
archive_state arsip.db
arc-index --db arsip.db letters.jsonl
echo "exit $?"
