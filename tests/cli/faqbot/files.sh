# Input and word files that are not what they seem: a folder among the
# question files, a missing one, two normalisations pointing at each other,
# a folder named like an answer file, a full disk for the answers, and a
# topics list: its words marked "!" by --explain, a line too long, none,
# a word the normalisation list rewrites into one the list lacks, no word.
. "$ARC_TESTS/cli/faqbot/kb.inc"
mkdir folder
echo 'ktp ilang gmn' >q1
faq folder missing q1 >out
echo "exit $?"
cut -d, -f1-2 out
printf 'buku = mejanya\nmeja = bukunya\n' >cycle.txt
echo 'bukunya hilang' | bot -f kb.faq -w cycle.txt >out
echo "exit $?"
cut -d, -f1-2 out
mkdir answers answers/sub.faq
cp kb.faq answers/
echo 'jam buka' | bot -f answers >out
echo "exit $?"
cut -d, -f1-2 out
echo 'ktp ilang' | faq >/dev/full
echo "exit $?"
printf '# subjects\nstnk pajak\nsd ak1\n' >topik.txt
# Another office's subject, even short or with a digit ("sd", "ak1"),
# where other unknown words that are (numbers, scraps) count for nothing.
printf '%s\n' 'ktp hilang stnk tetangga' 'ktp hilang sd ak1 2024 xy' |
    faq --topics topik.txt --explain 2>&1 >/dev/null | sed 's/; 1\. .*//'
# An unknown word said twice counts once, as a known one does.
printf '%s\n' 'ktp hilang stnk' 'ktp hilang stnk stnk' |
    faq --topics topik.txt | jq -r '[.status, .score] | @tsv'
python3 -c "print(' '.join(['subjek'] * 65))" >many.txt
echo 'ktp hilang' | faq --topics many.txt
echo "exit $?"
echo 'ktp hilang' | faq --topics missing.txt
echo "exit $?"
printf 'gmn\nilang hilang\n' >rewritten.txt
echo 'ktp hilang' | faq --topics rewritten.txt >out
echo "exit $?"
cut -d, -f1-2 out
printf '# nothing yet\n' >empty.txt
echo 'ktp hilang stnk' | faq --topics empty.txt >out
echo "exit $?"
cut -d, -f1-2 out
