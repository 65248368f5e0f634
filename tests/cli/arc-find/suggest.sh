# "Did you mean": a query word the archive does not know, or knows in a
# handful of papers while a near word is in many, gets the near word on
# standard error; the results, the JSON and the exit status stay as they
# were, and a right word gets nothing.
. "$ARC_TESTS/cli/letters.inc"
# A name in twelve letters, mistyped in one; and a scan OCR misread,
# "rn" for "m", in the only paper that has the word: the search finds it
# (arc-find/misread), a phrase, found as written, gets it offered.
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	printf 'Surat keterangan nomor %s untuk Siti Nurhaliza, warga Sukamaju.\n' \
	    "$i" > surat/nurhaliza-$i.txt
done
printf 'Surat pengantar untuk Siti Nurhalisa, warga Sukamaju.\n' > surat/salah-ketik.txt
printf 'PROGRAM PEMBERDAYAAN RNASYARAKAT DESA\nKelurahan Sukamaju, tahun 2026.\n' > surat/pindaian.txt
# A name written in mixed case, as the texts wrote it: none of the three
# cases the vocabulary is looked up in.
printf 'Laporan SiLPA anggaran %s Kelurahan Sukamaju.\n' 2024 2025 2026 \
    > surat/silpa.txt
make_archive 2>/dev/null
export ARC_DB=arsip.db
found() {
	echo "== $*"
	arc-find --json -n 3 "$@" >out 2>err
	echo "exit $?"
	jq -r .path <out
	cat err
}
found kependudkan
found rapat kependudkan
found KEPENDUDKAN
found pelayann koordinasl
found tag:undangan koordinasl
found nurhalisa
found surat nurhalisa
found masyarakat
found '"masyarakat desa"'
found silap
echo "== standard output: the records only"
arc-find --json rapat kependudkan 2>/dev/null | jq -c '{path, partial}'
arc-find --json kependudkan 2>/dev/null | wc -c
arc-find --format paths pengaduaan 2>/dev/null | wc -c
arc-find --format table pengaduaan 2>/dev/null
echo "== right words, or none near: nothing"
found kependudukan
found nurhaliza
found bitcoin
found domisili
found ktp -pengaduaan
