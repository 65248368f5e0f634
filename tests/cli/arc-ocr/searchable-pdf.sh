# --pdf writes SHA256.pdf: the scan itself (a JPEG byte for byte) with the
# recognised text under it, findable and copyable; nothing half-written stays.
cp "$SAMPLES/surat-lsm-inggris.jpg" surat.jpg
mkdir pdf
arc-scan surat.jpg | arc-ocr --pdf pdf >out.jsonl
jq -r '.pdf | sub("[0-9a-f]{64}"; "SHA256")' out.jsonl
pdf=$(jq -r .pdf out.jsonl)
[ "$pdf" = "pdf/$(sha256sum surat.jpg | cut -c1-64).pdf" ] && echo "named by sha256"
ls -A pdf | wc -l
pdfimages -j "$pdf" img && cmp img-000.jpg surat.jpg && echo "JPEG passed through"
pdftotext "$pdf" - | grep -m1 -o "LENTERA RECORDS FOUNDATION"
# A folder that cannot be written is refused before any work.
arc-ocr --pdf tidak-ada </dev/null
