# Verbs as citizens type them, which no phrasing has: the root of an
# informal form ("ngurusin", "dilaporin") is matched to the phrasings'
# word, shown with ">" by --explain; an office's name in an English
# question is found by its Indonesian stem.  Jakarta's e for a and o for
# u in a closed last syllable ("jatoh": jatuh) are undone too, and
# a word written twice with a 2 ("buku2") is the word.
. "$ARC_TESTS/cli/faqbot/kb.inc"
cat >informal.faq <<'END'
id: pengaduan
q: Bagaimana cara melapor pungutan liar?
a: Laporkan lewat WhatsApp 0812-0000-0000.

id: mutasi
q: Syarat mengurus surat pindah sekolah
a: Bawa surat keterangan dari sekolah asal.

id: kantor-disnaker
q: Alamat kantor Disnaker
a: Jalan Merdeka 1.

id: pohon
q: Pohon jatuh ke jalan
a: Hubungi piket 113.

id: sumbangan
q: Apakah perpustakaan menerima sumbangan buku?
a: Ya, antar ke meja informasi.
END
printf '%s\n' 'pungli mau dilaporin kemana' 'ngurusin pindah sekolah' \
    'where is the disnaker office' 'pohon jatoh ke jalan' \
    'buku2 bekas bs disumbangin' | bot -f informal.faq --explain \
    2>&1 >/dev/null | sed 's/; 2\..*//'
