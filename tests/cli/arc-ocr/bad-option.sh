arc-ocr --frobnicate </dev/null
