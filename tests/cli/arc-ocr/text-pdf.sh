# A born-digital PDF gives its own text, without OCR.
$MKFIXTURE text-pdf edaran.pdf
arc-scan edaran.pdf | arc-ocr | jq -c "{text, pages, ocr: .ocr.pages}"
