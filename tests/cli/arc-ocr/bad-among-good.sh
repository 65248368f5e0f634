# Bad documents get an error each; the good ones around them still come out; exit 1.
cp "$SAMPLES/undangan-rapat-koordinasi.png" baik.png
head -c 30000 "$SAMPLES/surat-lsm-inggris.jpg" > terpotong.jpg
head -c 20000 "$SAMPLES/sk-camat-tim-pelayanan.tif" > terpotong.tif
printf "\211PNG\r\n\032\n" > palsu.png; head -c 2000 /dev/zero >> palsu.png
printf "\001\002bukan gambar" > acak.jpg
{
	echo terpotong.jpg
	echo "{\"path\":\"baik.png\"}"
	echo "{rusak"
	echo terpotong.tif
	echo palsu.png
	echo acak.jpg
	echo tidak-ada.png
	echo "{\"path\":\"x.png\",\"error\":{\"stage\":\"scan\",\"message\":\"sebelumnya\"}}"
	echo "{\"nopath\":1}"
} | arc-ocr -j 2 >out.jsonl
status=$?
jq -c "{path, pages, error}" out.jsonl
exit $status
