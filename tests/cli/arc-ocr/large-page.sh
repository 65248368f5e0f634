# An image-only PDF whose page is the scan's pixels at 72 dpi (1860x2630
# points, as img2pdf or a phone app makes it) is read at its image's own
# resolution, not refused; in a mixed PDF the text page gives its text layer
# and the scanned page is read; an image over --max-pixels is still refused.
$MKFIXTURE scan-pdf pindaian.pdf
$MKFIXTURE mixed-pdf campuran.pdf
arc-ocr pindaian.pdf campuran.pdf >out.jsonl
status=$?
jq -c '{error, pages, ocr: [.ocr.pages[] | .source]}' out.jsonl
# Found at all, whatever Tesseract's version reads around them.
for w in PABUARAN kartu keluarga pendataan CIBINONG; do
	for n in 1 2; do
		if jq -r "select(.path == \"$([ $n = 1 ] &&
		    echo pindaian.pdf || echo campuran.pdf)\") | .text" \
		    out.jsonl | grep -q "$w"; then
			printf 'found '
		else
			printf 'missing '
		fi
	done
	echo "$w"
done
arc-ocr --max-pixels 1M pindaian.pdf | jq -c .error
echo "exit $status"
