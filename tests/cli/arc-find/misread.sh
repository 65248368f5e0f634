# OCR misreadings found: a word typed right finds the scans OCR misread
# it in (rn for m, I for l, 1 for l, l for i, O for 0, two confusions in a
# long word), ranked below a paper with the word as typed as often, marked
# in the snippet, with no "did you mean" for what was found; the same
# scores from the ranking segments and from FTS5; a misreading commoner
# than the word is a word of its own and is not used, a rarer one is taken
# for a misreading; one that no text has is not looked for by its stems;
# phrases and short words are found as written; a word whose misreadings
# no paper has ranks as before (as the word of a phrase, which is never
# misread).
export ARC_DB=arsip.db
mkdir surat
echo "Edaran pemerintah kabupaten kepada kelurahan tentang kebersihan pasar" >surat/benar.txt
echo "Edaran pernerintah kabupaten kepada keIurahan tentang kebersihan pasar" >surat/pindaian.txt
echo "Edaran pemerintah kabupaten kepada ke1urahan tentang kebersihan pasar" >surat/satu.txt
echo "Laporan dlnas kebersihan tahun 2O24 tentang program pernberclayaan warga" >surat/laporan.txt
echo "Rapat hai warga tentang modem dan jaringan kantor" >surat/modem.txt
for i in 1 2 3; do
	echo "Pengadaan komputer modern nomor $i untuk kantor" >surat/modern-$i.txt
done
echo "Pengadaan sapu lidi untuk kebersihan pasar" >surat/sapu.txt
echo "Bantuan sapi ternak untuk kelompok tani" >surat/sapi.txt
for i in 1 2 3 4 5 6; do
	echo "Undangan rapat warga RT $i tentang gotong royong" >surat/rt-$i.txt
done
arc-scan surat | arc-ocr | arc-index -q
q() {
	arc-find --json -n 9 "$@" |
	    jq -r '[.path, (.score * 1e4 | round / 1e4), .partial // false,
	    .snippet] | @tsv'
}
echo "== the word as typed first, then one misreading, then two"
q pemerintah kelurahan
echo "== as the paper shows it: the commoner right spelling is a word of its own"
q pernerintah
echo "== a word only misread, digits, two confusions"
q dinas
q 2024
q pemberdayaan
echo "== a misreading commoner than the word is not used, a rarer one is"
q modem
q modern
echo "== a misreading no text has, whose stem a word has (sapii is sapi): not used"
q sapu
echo "== phrases and short words as written"
q '"pemerintah kabupaten"'
q hal
echo "== a word no paper has misread: the same as the word of a phrase"
for query in kabupaten kebersihan program; do
	arc-find --json "$query" >word
	arc-find --json "\"$query\"" | cmp - word && echo "same: $query"
done
arc-find --json pemerintah | cmp -s - word || echo "not the same: pemerintah"
echo "== the same scores from FTS5 alone"
for query in "pemerintah kelurahan" pernerintah dinas 2024 pemberdayaan modem; do
	q $query >"seg-$query"
done
sqlite3 arsip.db "DELETE FROM rank_post; DELETE FROM rank_segment"
for query in "pemerintah kelurahan" pernerintah dinas 2024 pemberdayaan modem; do
	q $query | cmp - "seg-$query" && echo "same: $query"
done
