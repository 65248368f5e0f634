# Operands may be files of records or paths, or documents themselves.
cp "$SAMPLES/undangan-rapat-koordinasi.png" surat.png
echo surat.png > daftar.txt
arc-ocr surat.png daftar.txt | jq -c '{path, pages, lang}'
