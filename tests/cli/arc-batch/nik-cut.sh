# No output channel of any program shows a NIK, nor a piece of one that a
# cut left unmasked: NIKs in file and folder names, texts,
# questions and session ids of lengths that put the NIK across every place
# where arc cuts text (arc-index's document name at 1023 bytes, a
# diagnostic line at 2047, arc-tag --explain's 60-character excerpt and a
# match starting inside a NIK, faqbot's session id at 127 bytes and
# question at 1000, arc-report's table cells at 57 characters).  A run of
# 12 or more digits of a NIK, alone or in groups, is a leak.
N=3201014505900002
a() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }
# Any 12 digits in a row of the NIK, with or without a space, dot or dash
# between them (phone numbers in the answers are not leaks).
pieces=
for i in 1 2 3 4 5; do
	p=$(echo $N | cut -c$i-$((i + 11)) | sed 's/./&[ .-]?/g; s/\[ \.-\]?$//')
	pieces="$pieces${pieces:+|}$p"
done
leaks() {  # NAME FILE...: the lines of FILE with a NIK's digits in clear
	name=$1
	shift
	n=$(cat "$@" | grep -cE "$pieces")
	masked=$(cat "$@" | grep -c '3201\*\*\*\*')
	echo "$name: $n leaks, NIK masked on $masked lines"
	cat "$@" | grep -oE ".{0,40}($pieces).{0,20}" || :
}

# arc-index: records without a sha256 are named in the message by their
# path, cut at 1023 bytes; the NIK ends there, or starts, or straddles.
for k in 999 1003 1004 1005 1006 1007 1008 1020; do
	printf '{"path": "d/%s%s.txt"}\n' "$(a $k)" $N
done >long.jsonl
arc-index --db x.db -q long.jsonl 2>index.err
echo "arc-index exit $?"

# arc-tag --explain: an excerpt cut at 60 characters inside a NIK (also
# grouped), a match that starts inside one, a subject cut at 199 bytes, and
# document names cut at 1023 bytes inside the NIK that ends a long path.
cat >nik.rules <<'RULES'
rahasia regex rahasia[^\n]*akhir
ekor regex [0-9]{13} ekor
RULES
for k in 36 37 38 39; do
	printf '{"path": "t/%d.txt", "text": "rahasia %s %s akhir"}\n' \
	    $k "$(a $k x)" $N
	printf '{"path": "t/g%d.txt", "text": "rahasia %s 3201 0145 0590 0002 akhir"}\n' \
	    $k "$(a $k x)"
done >tag.jsonl
printf '{"path": "t/e.txt", "text": "NIK %s ekor"}\n' $N >>tag.jsonl
for k in 183 184 185 186; do  # a subject cut at 199 bytes
	printf '{"path": "t/p%d.txt", "text": "Perihal: %s %s\\n"}\n' \
	    $k "$(a $k p)" $N
done >>tag.jsonl
for k in 1004 1005 1006 1007 1008 1009; do
	printf '{"path": "p/%s%s", "text": "rahasia akhir"}\n' "$(a $k)" $N
done >>tag.jsonl
arc-tag -r nik.rules --explain tag.jsonl >tag.out 2>tag.err
echo "arc-tag exit $?"

# arc-scan: a diagnostic line cut at 2047 bytes inside the NIK that ends
# the name of a file too young to be offered, deep in folders.
deep=long
for i in 1 2 3 4 5 6 7 8 9; do
	deep=$deep/$(a 220 d)
done
mkdir -p "$deep"
for k in 27 29 30 31 32 33; do
	echo x >"$deep/$(a $k)$N.txt"
done
arc-scan -r --settle 3600 long >/dev/null 2>scan.err
echo "arc-scan exit $?"

# faqbot: session ids cut at 127 bytes, a question cut at 1000 and a
# status number at 79, on
# stdout, in the log, and through arc-index into the archive's chat table.
for k in 108 110 112 113 114 115; do
	printf '{"q": "ktp hilang %s", "session": "%s%s"}\n' $N "$(a $k s)" $N
done >questions.jsonl
printf '{"q": "%s %s", "session": "q"}\n' "$(a 988 k)" $N >>questions.jsonl
printf '{"q": "kapan buka", "session": "s\\n3201 0145 0590 0002"}\n' \
    >>questions.jsonl
# An application number the answer quotes, cut at 79 bytes inside a NIK.
printf 'nomor\tstatus\nREG-2026-000123\tselesai\n' >status.tsv
for k in 48 49 50 51; do
	printf '{"q": "cek REG-2026-000123A%s%s", "session": "r"}\n' \
	    "$(a $k x)" $N
done >>questions.jsonl
faqbot -s status.tsv --log chat.log questions.jsonl >faqbot.out 2>faqbot.err
echo "faqbot exit $?"
arc-index --db x.db -q chat.log 2>>index.err
echo "arc-index chat exit $?"

# The pipeline over folders named by a NIK, some cut by the table's 57
# characters, into arc-report in every format.
for k in 0 41 42 43; do
	mkdir -p "in/$(a $k f)$N"
	echo "Surat pengantar $k" >"in/$(a $k f)$N/surat.txt"
done
arc-scan -r in | arc-ocr | arc-tag | arc-index --db x.db -q 2>pipe.err
echo "pipeline exit $?"
for f in json csv table; do
	arc-report --db x.db --format $f >report.$f 2>report.$f.err
	echo "arc-report --format $f exit $?"
done
sqlite3 x.db "SELECT session, q FROM chat" >chat.table

leaks arc-scan scan.err
leaks arc-index index.err
leaks arc-tag-explain tag.err
leaks faqbot-stdout faqbot.out
leaks faqbot-stderr faqbot.err
leaks faqbot-log chat.log
leaks pipeline pipe.err
leaks arc-report-json report.json report.json.err
leaks arc-report-csv report.csv report.csv.err
leaks arc-report-table report.table report.table.err
leaks chat-table chat.table
