# arc-report's tables in Indonesian (LC_ALL=id_ID.UTF-8): headings, column
# names, dates as "27 November 2026", the failures' retry and reason (one
# made with a page's number too), an
# empty report; JSON and CSV the same in every language; a usage error.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
export LC_ALL=id_ID.UTF-8
mkdir -p masuk/umum
echo 'Undangan rapat koordinasi' >masuk/umum/a.txt
arc-scan masuk/umum/a.txt | sed 's|}$|, "text": "Undangan rapat koordinasi"}|' |
    arc-tag | arc-index --db a.db -q
echo '{"sha256": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", "path": "masuk/rusak.jpg", "error": {"stage": "ocr", "message": "not an image or PDF"}}' |
    arc-index --db a.db -q
echo '{"sha256": "3d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", "path": "masuk/halaman.tif", "error": {"stage": "ocr", "message": "page 2: corrupt TIFF page"}}' |
    arc-index --db a.db -q
chat() { printf '{"q": "%s", "status": "%s", "time": "%s", "session": "%s"}\n' "$@"; }
{
	chat 'ktp ilang gmn' answered 2026-11-27T09:00:00+07:00 s1
	chat 'harga bitcoin' declined 2026-11-27T09:01:00+07:00 s2
	chat 'bitcoin harga brp' declined 2026-11-28T10:00:00+07:00 s3
	chat 'izin' suggested 2026-11-28T11:00:00+07:00 s5
} | arc-index --db a.db -q
# Today, as the tables write it, in a column as wide as its date.
months='Januari Februari Maret April Mei Juni Juli Agustus September Oktober
November Desember'
today=$(LC_ALL=C date '+%-d %m %Y' | awk -v m="$months" \
    '{ split(m, n); print $1 " " n[$2 + 0] " " $3 }')
arc-report --db a.db --format table documents tags failures |
    sed -e "s/$today/HARI INI/g" -e 's/^tanggal  */tanggal  /' \
	-e 's/terakhir dicoba  */terakhir dicoba  /'
echo "exit $?"
arc-report --db a.db --format table chat unanswered review
arc-report --db a.db --format csv chat >id.csv
LC_ALL=C.UTF-8 arc-report --db a.db --format csv chat | cmp - id.csv && echo "CSV sama"
arc-report --db a.db chat >id.json
LC_ALL=C.UTF-8 arc-report --db a.db chat | cmp - id.json && echo "JSON sama"
arc-report --db a.db --format xml
echo "exit $?"
arc-report --db tidak-ada.db
echo "exit $?"
