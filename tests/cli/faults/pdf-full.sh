# The disk full while arc-ocr writes a searchable PDF (its last flush fails
# with ENOSPC; tests/faults/mounts fills a real filesystem), or the PDF's
# fsync failing: the document's record carries the error naming the PDF,
# exit 1, and nothing stays in the folder, neither the PDF nor its
# temporary file.  arc-index keeps the document as failed, arc-scan --new
# offers it again, and with room again it gets its PDF.
. "$ARC_TESTS/cli/faults/faults.inc"
cp "$SAMPLES/undangan-rapat-koordinasi.png" surat.png
mkdir pdf
arc-scan surat.png >scan.jsonl
fiu 'enable name=posix/stdio/fflush,failinfo=28,onetime' \
    arc-ocr -j 1 --pdf pdf <scan.jsonl >ocr.jsonl
echo "exit $?"
jq -c '{error, pdf, text: (.text != null)}' ocr.jsonl
ls -A pdf | wc -l
fiu 'enable name=posix/io/sync/fsync,failinfo=5' \
    arc-ocr -j 1 --pdf pdf <scan.jsonl | jq -c .error
ls -A pdf | wc -l
arc-index --db arsip.db ocr.jsonl
echo "exit $?"
arc-scan --new --db arsip.db surat.png | arc-ocr -j 1 --pdf pdf |
    arc-index --db arsip.db
echo "exit $?"
sqlite3 arsip.db "SELECT state, pdf, attempts FROM doc"
ls -A pdf
pdfinfo pdf/*.pdf | grep '^Pages:'
