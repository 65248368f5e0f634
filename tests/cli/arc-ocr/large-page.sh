# An image-only PDF whose page is the scan's pixels at 72 dpi (1860x2630
# points, as img2pdf or a phone app makes it) is read at its image's own
# resolution, not refused; in a mixed PDF the text page gives its text layer
# and the scanned page is read; an image over --max-pixels is still refused.
$MKFIXTURE scan-pdf pindaian.pdf
$MKFIXTURE mixed-pdf campuran.pdf
arc-ocr pindaian.pdf campuran.pdf >out.jsonl
status=$?
jq -c '{error, pages, ocr: [.ocr.pages[] | .source]}' out.jsonl
for w in PABUARAN kartu keluarga pendataan CIBINONG; do
	jq -r .text out.jsonl | grep -c "$w" | tr '\n' ' '
	echo "$w"
done
arc-ocr --max-pixels 1M pindaian.pdf | jq -c .error
echo "exit $status"
