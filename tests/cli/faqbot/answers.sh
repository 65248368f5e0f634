# Formal, informal, English, typo, out of scope and handoff questions
# against a small knowledge base; time is the only field that varies.
. "$ARC_TESTS/cli/faqbot/kb.inc"
ask <<'END'
{"q": "Apa syarat membuat KTP elektronik?", "session": "a"}
{"q": "syarat bikin ktp apa", "session": "a"}
{"q": "ktp ilang gmn dong", "session": "a"}
{"q": "jam brp kantor buka", "session": "a"}
{"q": "What are your opening hours?", "session": "b"}
{"q": "I lost my ID card", "session": "b"}
{"q": "persyaratan pembuatan ktpp", "session": "c"}
{"q": "harga bitcoin hari ini", "session": "c"}
{"q": "resep nasi goreng", "session": "c"}
{"q": "mau bicara sama petugas", "session": "c"}
{"q": "where is the nearest beach", "session": "d"}
END
# An --answer-at given holds for English questions too: the ease the
# answer files' calibration gives them is not taken off it.
echo '{"q": "hours of the office", "session": "e"}' | ask --answer-at 0.55
