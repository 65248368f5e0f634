# A scan piped in where file names or records are read is one line, not a
# line per "name" in it; exit 1.
cp "$SAMPLES/undangan-rapat-koordinasi.png" surat.png
arc-ocr -j 1 <surat.png
echo "status $?"
