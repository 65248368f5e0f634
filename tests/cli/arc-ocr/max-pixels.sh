# A page over the pixel limit is refused from its header, before it is decoded.
cp "$SAMPLES/undangan-rapat-koordinasi.png" besar.png
echo besar.png | arc-ocr --max-pixels 1M >out.jsonl
status=$?
jq -c .error out.jsonl
exit $status
