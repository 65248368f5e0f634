arc-ocr --help | head -n 1
arc-ocr --version | sed "s/[0-9][0-9.]*$/VERSION/"
