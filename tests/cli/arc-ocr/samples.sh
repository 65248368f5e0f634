# Every bundled sample is read: images, a 2-page G4 TIFF, a scanned PDF, a zip.
arc-scan -r "$SAMPLES" | arc-ocr -j 2 >out.jsonl
jq -c "{file: (.path | split(\"/\") | last), member, pages, lang, error,
    sources: [.ocr.pages[].source], rotations: [.ocr.pages[].rotation]}" out.jsonl
# The letterhead and the numbers clerks search for come out right.
jq -r .text out.jsonl | grep -c "KECAMATAN CIBINONG"
jq -r .text out.jsonl | grep -o "005/123/Kec/2026" | sort -u
