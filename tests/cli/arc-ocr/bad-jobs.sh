arc-ocr -j 0 </dev/null
