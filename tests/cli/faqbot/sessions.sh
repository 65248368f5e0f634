# An unclear question gets numbered suggestions; replying with a number
# picks one, in the same session only; other sessions are not affected.
. "$ARC_TESTS/cli/faqbot/kb.inc"
ask <<'END'
{"q": "ktp", "session": "warga-1"}
{"q": "ktp", "session": "warga-2"}
{"q": "2", "session": "warga-1"}
{"q": "nomor 1", "session": "warga-2"}
{"q": "1", "session": "warga-1"}
{"q": "1", "session": "warga-3"}
END
