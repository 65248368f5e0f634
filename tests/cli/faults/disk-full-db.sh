# The disk full while SQLite writes (pwrite(2) fails with ENOSPC): exit 2,
# one line naming the archive and why; the batch rolled back, nothing else
# changed; with room again, a second run archives everything.
. "$ARC_TESTS/cli/faults/faults.inc"
. "$ARC_TESTS/cli/letters.inc"
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >letters.jsonl
head -n 2 letters.jsonl | arc-index --db arsip.db
# No one has the archive open: its -shm file cannot be made.
tail -n 3 letters.jsonl |
    fiu 'enable name=posix/io/rw/pwrite,failinfo=28' arc-index --db arsip.db
echo "exit $?"
archive_state arsip.db
# A reader has it open (its -wal and -shm are there): the copies are
# written and flushed, then the batch's commit fails.
mkfifo hold
sqlite3 arsip.db <hold >held &
exec 3>hold
echo "BEGIN; SELECT count(*) FROM doc;" >&3
tries=0
until [ -s held ] || [ $tries -ge 300 ]; do sleep 0.1; tries=$((tries + 1)); done
tail -n 3 letters.jsonl |
    fiu 'enable name=posix/io/rw/pwrite,failinfo=28' arc-index --db arsip.db
echo "exit $?"
exec 3>&-
wait
arc-index --db arsip.db --check
echo "check: exit $?"
# The copies of the batch stay, whole: the next run takes them.
archive_state arsip.db
arc-index --db arsip.db letters.jsonl
echo "exit $?"
arc-index --db arsip.db --check
archive_state arsip.db
