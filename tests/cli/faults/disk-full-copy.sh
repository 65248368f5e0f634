# The disk full while arc-index writes the copies (write(2) fails with
# ENOSPC): exit 2, one line naming the document and the copy; the archive
# keeps exactly what was committed before, every copy verified, and no
# temporary file; with room again, a second run archives the rest.
. "$ARC_TESTS/cli/faults/faults.inc"
. "$ARC_TESTS/cli/letters.inc"
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >letters.jsonl
head -n 2 letters.jsonl | arc-index --db arsip.db
tail -n 3 letters.jsonl |
    fiu 'enable name=posix/io/rw/write,failinfo=28' arc-index --db arsip.db
echo "exit $?"
arc-index --db arsip.db --check
echo "check: exit $?"
archive_state arsip.db
arc-index --db arsip.db letters.jsonl
echo "exit $?"
arc-index --db arsip.db --check
archive_state arsip.db
