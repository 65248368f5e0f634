# Input and word files that are not what they seem: a folder among the
# question files, a missing one, two normalisations pointing at each other,
# a folder named like an answer file, and a full disk for the answers.
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
