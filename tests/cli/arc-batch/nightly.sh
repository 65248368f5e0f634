# The nightly job twice over the same folder: the second run finds nothing
# new and reads no page; a corrupt scan fails, is offered again the next
# night, and after three failures is listed instead of retried.
. "$ARC_TESTS/cli/arc-batch/folders.inc"
{ printf '\377\330\377\340\000\020JFIF\000'; head -c 3000 /dev/zero; } >scans/umum/rusak.jpg
touch -d '2 hours ago' scans/umum/rusak.jpg
for night in 1 2 3 4; do
	echo "night $night:"
	arc-batch --db a.db scans 2>err
	echo "exit $?"
	sed -e 's/in [0-9]* s$/in N s/' -e 's/^arc-ocr: .*rusak.jpg.*/arc-ocr: rusak.jpg: (why)/' err
done
holds a.db
arc-report --db a.db failures | sed 's/"last_tried":"[^"]*"/"last_tried":"T"/; s/"error":"[^"]*"/"error":"E"/'
echo "a new scan arrives:"
cp "$SAMPLES"/undangan-rapat-koordinasi.png scans/umum/undangan-2.png
echo "changed" >>scans/umum/undangan-2.png
touch -d '2 hours ago' scans/umum/undangan-2.png
echo "and one still being written:"
cp "$SAMPLES"/undangan-rapat-koordinasi.png scans/umum/sedang-ditulis.png
arc-batch --db a.db scans >out 2>&1
echo "exit $?"
sed 's/in [0-9]* s$/in N s/' out
