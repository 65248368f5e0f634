# The entry whose answer alone covers the question best is a second
# opinion: when it is the best entry, that entry is answered lower (0.08
# lower: the answer scores at least 0.20, shown by --explain) and with a lead
# of 0.02 instead of --margin ("saksi" is said by the late registration's
# answer alone), and --explain names it; a --margin given holds as given.
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
