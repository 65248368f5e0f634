echo "{\"path\":\"$SAMPLES/undangan-rapat-koordinasi.png\"}" | arc-ocr >/dev/full
