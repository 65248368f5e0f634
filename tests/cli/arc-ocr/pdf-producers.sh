# Image-only PDFs as the real programs write them, not as mkfixture.py
# imitates them, are read whole, each page from the scan's own pixels:
# img2pdf's from a 300-dpi JPEG and PNG (an A4 page), img2pdf's from a
# 72-dpi PNG (a page of 2480x3507 points), Pillow's own PDF writer at 72
# dpi as a phone app writes, and qpdf's join of a born-digital page and a
# scan, whose first page gives its own text and second is recognized.
# Skipped where img2pdf is not installed (.ci/install-deps installs it).
# $pdfs and $scan are lists of words, split on purpose:
# shellcheck disable=SC2086
if ! command -v img2pdf >/dev/null; then
	echo "img2pdf not installed: real PDF producers not tested" >&2
	exit 77
fi
$MKFIXTURE page-300 halaman.jpg
$MKFIXTURE page-300 halaman.png
$MKFIXTURE page-72 halaman-72.png
$MKFIXTURE page-72 ponsel.pdf
$MKFIXTURE text-pdf edaran.pdf
img2pdf -o img2pdf-jpg.pdf halaman.jpg
img2pdf -o img2pdf-png.pdf halaman.png
img2pdf -o img2pdf-72.pdf halaman-72.png
qpdf --empty --pages edaran.pdf img2pdf-jpg.pdf -- campuran.pdf
pdfs="img2pdf-jpg.pdf img2pdf-png.pdf img2pdf-72.pdf ponsel.pdf campuran.pdf"
# The size and resolution of each image in PDF, as LABEL.
images() {
	pdfimages -list "$1" | awk -v l="$2" 'NR > 2 {
	    print l " page " $1 ": " $4 "x" $5 " pixels, " $13 " dpi" }'
}
# What the producers made: each scan's pixels and the resolution its page
# gives it (72: a page as large in points as the scan is in pixels).
for f in $pdfs; do
	images "$f" "$f"
done
mkdir pdf
arc-ocr -j 2 --pdf pdf $pdfs >out.jsonl
status=$?
jq -c '{path, error, pages, sources: [.ocr.pages[]?.source]}' out.jsonl
# What was recognized, as the searchable PDFs hold it: the scan's own
# pixels, neither shrunk nor enlarged (the mixed PDF has text, and none).
jq -r '[.path, .pdf // "none"] | @tsv' out.jsonl | while read -r f p; do
	if [ "$p" = none ]; then
		echo "$f: no searchable PDF"
	else
		images "$p" "$f read"
	fi
done
# The words of each page on that page, whatever Tesseract's version reads
# around them.
words() {
	file=$1 page=$2
	shift 2
	jq -r --arg f "$file" --argjson n "$page" 'select(.path == $f) |
	    .text // "" | split("\f")[$n - 1] // ""' out.jsonl >page.txt
	line="$file page $page:"
	for w in "$@"; do
		if grep -q "$w" page.txt; then
			line="$line found $w"
		else
			line="$line missing $w"
		fi
	done
	echo "$line"
}
scan="SUKAMAJU KETERANGAN DOMISILI menerangkan tinggal"
for f in img2pdf-jpg.pdf img2pdf-png.pdf img2pdf-72.pdf ponsel.pdf; do
	words "$f" 1 $scan
done
words campuran.pdf 1 CIBINONG KTP-el
words campuran.pdf 2 $scan
echo "exit $status"
