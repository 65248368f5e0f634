# Verbs as citizens type them, which no phrasing has: the root of an
# informal form ("ngurusin", "dilaporin") is matched to the phrasings'
# word, shown with ">" by --explain; an office's name in an English
# question is found by its Indonesian stem.
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
END
printf '%s\n' 'pungli mau dilaporin kemana' 'ngurusin pindah sekolah' \
    'where is the disnaker office' | bot -f informal.faq --explain \
    2>&1 >/dev/null | sed 's/; 2\..*//'
