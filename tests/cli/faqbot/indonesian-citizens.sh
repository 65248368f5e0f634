# The clerk's language changes none of what citizens get: under
# id_ID.UTF-8 and C.UTF-8 the records, answers, suggestions, declines
# (the office's and the built-in ones) and status replies are the same,
# each in the question's language.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
. "$ARC_TESTS/cli/faqbot/kb.inc"
cat >questions <<'END'
{"q": "ktp ilang gmn", "session": "a"}
{"q": "I lost my ID card", "session": "b"}
{"q": "ktp", "session": "c"}
{"q": "2", "session": "c"}
{"q": "my card", "session": "d"}
{"q": "1", "session": "d"}
{"q": "berapa harga cabai hari ini", "session": "e"}
{"q": "how is the weather", "session": "f"}
{"q": "status REG-2026-000123", "session": "g"}
{"q": "status of REG-2026-000999", "session": "h"}
{"q": "cek REG-2026-000999", "session": "i"}
END
# Without the office's "_decline": faqbot's own decline texts.
sed '/^id: _decline/,$d' kb.faq >own.faq
both() {
	LC_ALL=C.UTF-8 bot -s status.tsv --suggest-at 0.25 "$@" \
	    questions >english.jsonl
	echo "exit $?"
	LC_ALL=id_ID.UTF-8 bot -s status.tsv --suggest-at 0.25 "$@" \
	    questions >indonesian.jsonl
	echo "exit $?"
	# The time is the only field that varies.
	sed 's/"time":"[^"]*"/"time":"T"/' english.jsonl >english
	sed 's/"time":"[^"]*"/"time":"T"/' indonesian.jsonl >indonesian
	cmp english indonesian && echo "the same records"
	cat indonesian
}
both -f kb.faq
both -f own.faq 2>&1 | grep -e '^exit' -e 'same records' -e '"declined"'
