# faqbot's own messages in Indonesian: --help, a usage error, --check's
# summary and the problems of answer, word and status files, --explain,
# and what is said about questions it cannot read.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
export LC_ALL=id_ID.UTF-8
. "$ARC_TESTS/cli/faqbot/kb.inc"
faqbot --help | head -n 6
echo "exit $?"
faqbot --answer-at 0.3 --suggest-at 0.5 </dev/null
echo "exit $?"
faq --check
echo "exit $?"
printf 'id: ktp-baru\nq: syarat bikin ktp apa aja\na: Dobel.\nwarna: biru\n' \
    >warn.faq
printf '\nid: tanpa-isi\nq: pertanyaan tanpa jawaban berarti\na:\n' >>warn.faq
# Only the warnings' own text: their "warning: " prefix is cli.c's.
bot -f kb.faq -f warn.faq --check 2>&1 |
    sed 's/^\(faqbot: [^:]*:[0-9]*: \)[^ :]*: /\1/'
cat >broken.faq <<'END'
  lanjutan tanpa induk
id: Huruf Besar
q: x
a: y
action: kirim
baris tanpa titik dua

id: tanpa-jawaban
q: ini tidak punya jawaban
END
bot -f broken.faq --check
echo "exit $?"
printf 'gmn bagaimana\none two three four five = x\n' >badwords.txt
faq -w badwords.txt --check
echo "exit $?"
printf 'nomor\tstatus\nREG-2026-000001\tselesai\textra\n\tkosong\n' >bad.tsv
faq -s bad.tsv </dev/null
echo "exit $?"
mkdir empty
bot -f empty </dev/null
echo "exit $?"
printf '%s\n' 'ktp ilang gmn' '{"q": 3}' '{"q": "xyzzy"' |
    faq --explain >/dev/null
echo "exit $?"
