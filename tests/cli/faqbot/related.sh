# A synonyms list's "~" line is a group of related words: a word of a
# question that no entry has ("bimtek") counts as the word of its group
# the answer files use most ("pelatihan"), weaker than the files' own
# word; a word the files use keeps its own meaning ("kursus" stays the
# course entry's, though its group holds "pelatihan").  A "~" line of one
# word is an error, as any group's.
cat >kb.faq <<'END'
id: pelatihan
q: Kapan jadwal pelatihan penyedia?
a: Pelatihan penyedia diadakan setiap bulan di ruang LPSE.

id: kursus
q: Apakah ada kursus menjahit?
a: Kursus menjahit dibuka setiap Senin di balai latihan kerja.

id: jam-buka
q: Kapan kantor buka?
a: Senin sampai Jumat pukul 08.00-15.00.
END
printf '~ pelatihan bimtek diklat kursus training\n' >related.txt
printf 'pelatihan diklat\n' >same.txt
ask() {
	printf '%s\n' 'ada bimtek bulan ini?' 'ada kursus bulan ini?' |
	    faqbot -f kb.faq --thesaurus '' --dictionary '' --answer-at 0.3 \
	    "$@" | jq -r '[.status, .id // "-", .score] | @tsv'
}
echo "without the group:"
ask --synonyms /dev/null
echo "related:"
ask --synonyms related.txt
echo 'ada bimtek bulan ini?' | faqbot -f kb.faq --thesaurus '' \
    --dictionary '' --synonyms related.txt --explain 2>&1 >/dev/null |
    sed 's/;.*//'
echo "a word of a synonym group counts fully, a related one less:"
echo 'ada diklat bulan ini?' | faqbot -f kb.faq --thesaurus '' \
    --dictionary '' --synonyms same.txt | jq -r '[.id, .score] | @tsv'
echo 'ada bimtek bulan ini?' | faqbot -f kb.faq --thesaurus '' \
    --dictionary '' --synonyms related.txt | jq -r '[.id, .score] | @tsv'
echo "one word is no group:"
printf '~ bimtek\n' >one.txt
faqbot --check -f kb.faq --synonyms one.txt; echo "exit $?"
echo "a hyphenated item is two words, left out; a word of two groups is the"
echo "last's; the stem of one (booking: book) is no word of another:"
printf '~ gratis cuma-cuma free\n~ pelatihan bimtek\n~ bimtek diklat\n' >two.txt
printf '~ pemesanan booking\n~ buku book\n' >>two.txt
faqbot --check -f kb.faq --synonyms two.txt; echo "exit $?"
cat >>kb.faq <<'END'

id: perpustakaan
q: Bagaimana cara meminjam buku?
a: Kartu anggota perpustakaan dibuat di lantai 2.

id: pesan-ruang
q: Bagaimana memesan ruang rapat?
a: Pemesanan ruang rapat lewat loket 3.
END
printf '%s\n' 'cuma tanya jadwal pelatihan' 'a book please' |
    faqbot -f kb.faq --thesaurus '' --dictionary '' --synonyms two.txt \
    --explain 2>&1 >/dev/null | grep -v warning | sed 's/ [0-9.]* ".*//'
