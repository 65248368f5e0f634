# The entry whose answer alone covers the question best is a second
# opinion: when it is the best entry, that entry is answered lower (0.08
# lower: the answer scores at least 0.20, shown by --explain) and with a lead
# of 0.02 instead of --margin ("saksi" is said by the late registration's
# answer alone), and --explain names it; a --margin given holds as given.
# It also breaks a near tie: a question that "KK baru" draws to the new KK
# about as much as its baby draws to adding one to a KK goes to the
# entry whose answer speaks of the baby, first among the suggestions.
cat >akta.faq <<'END'
id: akta-lahir
q: Bagaimana cara mengurus akta kelahiran?
a: Bawa surat keterangan lahir dari bidan atau rumah sakit, buku nikah,
  KK dan KTP kedua orang tua ke loket 2. Akta selesai dalam sehari.

id: akta-terlambat
q: Bagaimana cara mengurus akta kelahiran yang terlambat?
a: Kelahiran yang dilaporkan lebih dari 60 hari memerlukan surat
  pernyataan tanggung jawab mutlak dan dua orang saksi dewasa, selain KK
  dan KTP orang tua.

id: jam-buka
q: Kapan kantor buka?
a: Senin sampai Jumat pukul 08.00-15.00.
END
ask() {
	faqbot -f akta.faq --synonyms /dev/null --thesaurus '' \
	    --dictionary '' "$@" | jq -r '[.status, .id // "-", .margin] | @tsv'
}
q='cara mengurus akta kelahiran, saksinya siapa'
echo "agreeing, a narrow lead:"
echo "$q" | ask
echo "$q" | ask --explain 2>&1 >/dev/null | sed 's/.*; //'
echo "the same with --margin 0.1 given:"
echo "$q" | ask --margin 0.1
cat >kk.faq <<'END'
id: kk-baru
q: Bagaimana cara membuat KK baru?
a: Untuk keluarga baru: bawa buku nikah, surat pindah bila dari daerah
  lain, dan KTP suami istri ke loket 3.

id: kk-tambah
q: Bagaimana menambah anggota keluarga di KK?
a: Bayi yang baru lahir ditambahkan ke KK orang tuanya dengan membawa
  akta kelahiran bayi dan KK lama ke loket 3; KK baru dicetak hari itu.
END
tie() {
	echo 'kk baru untuk bayi yang baru lahir' |
	    faqbot -f kk.faq --synonyms /dev/null --thesaurus '' \
	    --dictionary '' "$@" |
	    jq -r '[.status, ([.alternatives[].id] | join(" ")), .margin] | @tsv'
}
echo "a near tie, broken by the closest answer:"
tie --suggest-at 0.4
echo "offered while the best score reaches --suggest-at, the first's not:"
tie --suggest-at 0.45
echo "never answered, whatever the thresholds:"
tie --answer-at 0.4 --margin 0.01
echo 'kk baru untuk bayi yang baru lahir' |
    faqbot -f kk.faq --synonyms /dev/null --thesaurus '' --dictionary '' \
    --explain 2>&1 >/dev/null | sed 's/.*; //'
