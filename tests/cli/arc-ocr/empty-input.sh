arc-ocr </dev/null
