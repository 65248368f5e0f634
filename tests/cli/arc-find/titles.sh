# A title counts most when the paper named it: a record's own title, even
# when it is also the first line of the text; a decree's subject after
# TENTANG, on its line or on the next.  A title arc-index took from a first
# line weighs as the text it repeats.  The index stays whole when such a
# document changes.
export ARC_DB=arsip.db
mkdir surat
printf 'Pembangunan jembatan desa\nLaporan kemajuan pekerjaan minggu pertama\n' \
    >surat/dinamai.txt
printf 'Pembangunan jembatan desa\nLaporan kemajuan pekerjaan minggu kedua\n' \
    >surat/ditebak.txt
printf 'KEPUTUSAN KEPALA DESA\nTENTANG\nPEMBENTUKAN TIM KEBERSIHAN\n' \
    >surat/dua-baris.txt
printf 'KEPUTUSAN KEPALA DESA\nTENTANG PEMBENTUKAN TIM KEBERSIHAN\n' \
    >surat/satu-baris.txt
# Others, so that the words searched are rare enough to weigh.
for i in 1 2 3 4 5 6 7 8; do
	echo "Nota dinas nomor $i tentang rapat anggaran kantor" >surat/nota$i.txt
done
arc-scan surat | arc-ocr |
    jq -c 'if (.path | endswith("dinamai.txt"))
        then .title = "Pembangunan jembatan desa" else . end' | arc-index -q
q() {
	arc-find --json "$@" |
	    jq -r '[(.path | sub(".*/"; "")), .title,
	        (.score * 1e4 | round / 1e4)] | @tsv'
}
echo "== the record's title counts, the guessed one as text"
q jembatan
echo "== a decree's subject, on TENTANG's line or the next: the same"
q pembentukan
echo "== changed: its old words taken out by how they were put in"
arc-scan surat/dinamai.txt | arc-ocr |
    jq -c '.title = "Pembangunan jembatan desa" | .text += "Selesai."' |
    arc-index -q
q jembatan
arc-index --check 2>&1 | sed 's/^[^:]*: [^:]*: //'
