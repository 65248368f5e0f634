# A TIFF or PDF over the page limit is refused before any page is read; the
# limit is a whole number.
cp "$SAMPLES/sk-camat-tim-pelayanan.tif" dua-halaman.tif
python3 -c '
import sys
n = 3
kids = " ".join("%d 0 R" % (i + 3) for i in range(n))
objs = ["<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)]
objs += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
out, at = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", []
for i, o in enumerate(objs, 1):
    at.append(len(out))
    out += b"%d 0 obj\n%s\nendobj\n" % (i, o.encode())
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (n + 3)
out += b"".join(b"%010d 00000 n \n" % a for a in at)
out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n + 3, x)
sys.stdout.buffer.write(out)' >tiga-halaman.pdf
printf 'dua-halaman.tif\ntiga-halaman.pdf\n' | arc-ocr --max-pages 1 >out.jsonl
echo "exit $?"
jq -c .error out.jsonl
arc-ocr --max-pages 0 </dev/null
echo "exit $?"
