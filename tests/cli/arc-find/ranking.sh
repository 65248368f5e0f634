# Every match ranked: an old letter that answers the query comes first
# however many newer pages share its common words; the scores are the same
# whether the documents are read from the ranking segments, from FTS5 (an
# archive whose segments are gone), or after documents changed and were
# erased since the segments were made; filters that let few through still
# find their documents.
export ARC_DB=arsip.db
mkdir surat
echo "Keputusan kepala dinas tentang pengangkatan pegawai honorer kebersihan pasar" >surat/lama.txt
touch -d '2020-01-01' surat/lama.txt
arc-scan surat | arc-ocr | arc-index -q
mkdir baru
i=0
while [ $i -lt 3000 ]; do
	echo "Surat dinas nomor $i tentang kepala bagian umum dan kepegawaian kantor" >baru/$i.txt
	i=$((i + 1))
done
echo "Nota dinas kepala kantor tentang rapat pegawai" >baru/akhir.txt
arc-scan baru | arc-ocr | arc-index -q
q() {
	arc-find --json -n "${N:-3}" "$@" |
	    jq -r '[.path, (.score * 1e4 | round / 1e4)] | @tsv'
}
echo "== the old letter first among 3,002 matches"
q kepala dinas pengangkatan pegawai honorer
echo "== segments"
sqlite3 arsip.db "SELECT count(*), sum(docs) FROM rank_segment"
for query in "kepala dinas" "pegawai honorer" "surat kepegawaian kantor" "nota rapat"; do
	N=5 q $query >"seg-$query"
done
echo "== the same scores from FTS5 alone"
sqlite3 arsip.db "DELETE FROM rank_post; DELETE FROM rank_segment"
for query in "kepala dinas" "pegawai honorer" "surat kepegawaian kantor" "nota rapat"; do
	N=5 q $query | cmp - "seg-$query" && echo "same: $query"
done
echo "== made again by --optimize: the same"
arc-index --optimize
sqlite3 arsip.db "SELECT count(*), sum(docs) FROM rank_segment"
for query in "kepala dinas" "pegawai honorer" "surat kepegawaian kantor" "nota rapat"; do
	N=5 q $query | cmp - "seg-$query" && echo "same: $query"
done
echo "== a document changed and one erased since: found as they are now"
arc-scan surat | arc-ocr | jq -c '.text += " dan terminal"' | arc-index -q
sqlite3 arsip.db "SELECT count(*) FROM rank_dirty"
q terminal
arc-index -q --forget "$(sha256sum <baru/akhir.txt | cut -d' ' -f1)" \
    2>/dev/null
rm baru/akhir.txt
N=2 q nota rapat
N=5 q kepala dinas >dirty
arc-index --optimize
sqlite3 arsip.db "SELECT count(*) FROM rank_dirty"
N=5 q kepala dinas | cmp - dirty && echo "same after --optimize"
echo "== a filter that lets one through, ranked 3,001st"
q kepala dinas path:lama
echo "== a phrase: only the documents that have it"
q '"pegawai honorer"' kantor
q '"honorer pegawai"'
echo "== diacritics folded, hyphenated words found whole and by their parts"
mkdir lain
echo "Catatan perjalanan François ke wilayah daimyō; kura-kura dan surat-menyurat" >lain/catatan.txt
arc-scan lain | arc-ocr | arc-index -q
# "kura2": a word written twice with a 2, as clerks type it.
for query in francois "François" daimyo Daimyō kura-kura kura kura2 menyurat \
    surat-menyurat '"kura kura"'; do
	printf '%s\t' "$query"
	arc-find --json -n 1 -- "$query" | jq -r .path
done
