# Learning from the log: --review lists the logged questions faqbot
# declined, only suggested or answered narrowly or under the threshold,
# once each, with the entry each most likely belongs to; a clerk edits
# the file ("-" leaves one out, another id corrects it) and --learn adds
# them as phrasings after each entry's last one, the rest of the file
# kept; a review with an unknown id changes nothing; an answer file that
# cannot be rewritten is said.
. "$ARC_TESTS/cli/faqbot/kb.inc"
cp kb.faq before.faq
# "ktp" is offered its entries and "2" picks one: the pick is no
# question to review.
printf '%s\n' 'dompet ktp dicuri' 'DOMPET KTP DICURI' 'ktp sy ilang gmn' \
    'harga cabai berapa' 'bisa ngobrol sama orang' ktp 2 |
    faq --log chat.log >/dev/null
echo 'not a record' >>chat.log
# An answer under the threshold these files give (an English question
# eased, or a log kept under a lower --answer-at) is listed too.
echo '{"q":"office open on saturday","id":"jam-layanan","score":0.40,' \
    '"margin":0.40,"status":"answered","lang":"eng","session":"s",' \
    '"time":"2026-12-07T08:00:00+07:00"}' >>chat.log
faq --review chat.log >review.tsv
echo "exit $?"
grep -v '^#' review.tsv | cut -f1,2
echo "the clerk's edit:"
sed -e 's/^[^\t#]*\tharga cabai/-\tharga cabai/' \
    -e 's/^[^\t#]*\tktp\t/-\tktp\t/' \
    -e 's/^[^\t#]*\tdompet ktp/ktp-hilang\tdompet ktp/' \
    -e 's/^[^\t#]*\tbisa ngobrol/petugas\tbisa ngobrol/' review.tsv \
    >edited.tsv
printf 'ktp-baru\tbikin ktp pertama kali\n' >>edited.tsv
faq --learn edited.tsv
echo "exit $?"
diff before.faq kb.faq
echo "asked again:"
printf '%s\n' 'dompet ktp dicuri' 'bisa ngobrol sama orang' | faq |
    jq -r .id
echo "an unknown id:"
cp kb.faq learned.faq
printf 'tidak-ada\tsesuatu\n' >bad.tsv
faq --learn bad.tsv
echo "exit $?"
cmp -s kb.faq learned.faq && echo "the answer files unchanged"
echo "a phrasing that goes on over two lines, a NIK, one question twice:"
printf 'id: hilang\nq: kartu identitas\n  penduduk hilang\na: Lapor ke polisi.\n' \
    >two.faq
printf 'hilang\tktp raib\nhilang\tKTP RAIB\n' >r1.tsv
faqbot -f two.faq --learn r1.tsv
cat two.faq
printf 'hilang\tktp 3201234567890123 hilang\n' >r2.tsv
faqbot -f two.faq --learn r2.tsv
echo "exit $?"
