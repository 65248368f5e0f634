# A word no phrasing has counts through the thesaurus (a synonym, or an
# opposite: "tutup" asks about "buka") and, in an English question, the
# dictionary (a translation, "marriage" -> "nikah", "requirements" ->
# "requirement" -> "syarat", "room" -> its second sense "ruang"); with ''
# neither is
# read, and a file that cannot be read is a warning.  Small files of the
# same formats as Debian's mythes-id and dict-freedict-eng-ind.
cat >kb.faq <<'END'
id: jam-buka
q: jam berapa kantor buka?
a: Senin sampai Jumat, 08.00 sampai 15.00.

id: akta-nikah
q: syarat akta nikah
a: Bawa buku nikah dan KTP kedua mempelai.

id: ktp-ubah
q: cara mengubah data ktp
a: Bawa KK terbaru ke loket 2.

id: ruang-tunggu
q: di mana ruang tunggu?
a: Di lantai 1, dekat loket.
END
printf 'ISO-8859-1\ntutup|2\n[v]|menutup\n[ant]|buka\nmengurangi|1\n[v]|mengubah|memotong\n' >th.dat
# dictd: a gzip text and an index of "word TAB offset TAB length" in base64.
python3 - <<'END'
import gzip
entries = [
    ("certificate", "certificate /x/ <n>\nakta, sertifikat\na document\n"),
    ("marriage", "marriage /x/ <n>\npernikahan, nikah\nthe state\n"),
    ("office", "office /x/ <n>\nkantor\na place of work\n"),
    ("open", "open /x/ <v>\n1. membuka, buka\nto make open\n 2.\nx\n"),
    ("requirement", "requirement /x/ <n>\nsyarat\nwhat is needed\n"),
    ("room", "room /x/ <n>\n1. kamar, bilik\ndivision in a building\n"
        "2. ruang\nspace\n"),
    ("wait", "wait /x/ <v>\nmenunggu, tunggu\nto stay\n")]
b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
def num(v):
    s = ""
    while True:
        s = b64[v % 64] + s
        v //= 64
        if v == 0:
            return s
text, index = b"", []
for word, body in entries:
    data = body.encode()
    index.append(f"{word}\t{num(len(text))}\t{num(len(data))}\n")
    text += data
with gzip.open("en.dict.dz", "wb") as f:
    f.write(text)
open("en.index", "w").writelines(index)
END
ask() {
	printf '%s\n' 'kantornya tutup' 'mau mengurangi data ktp' \
	    'what are the requirements for a marriage certificate' \
	    'the office is open?' 'a room to wait in' |
	    faqbot -f kb.faq --synonyms /dev/null --answer-at 0.4 "$@" |
	    jq -r '[.status, .id // "-"] | @tsv'
}
echo "with both:"
ask --thesaurus th.dat --dictionary en.dict.dz
echo "without:"
ask --thesaurus '' --dictionary ''
echo "unreadable:"
ask --thesaurus missing.dat --dictionary missing.dict.dz
# Another office's subject that the thesaurus joins to these answers
# ("pajak" to "biaya") keeps the doubt of an unknown subject: the same
# question with a plain synonym ("ongkos") scores higher (share/faq/topik.txt
# lists "pajak", not "ongkos").
printf '\nid: biaya\nq: berapa biaya mengurus ktp?\na: Gratis.\n' >>kb.faq
printf 'pajak|1\n[n]|biaya\nongkos|1\n[n]|biaya\n' >>th.dat
echo "a subject of the topics list through the thesaurus:"
printf '%s\n' 'berapa ongkos ngurus ktp' 'berapa pajak ngurus ktp' |
    faqbot -f kb.faq --synonyms /dev/null --thesaurus th.dat \
    --dictionary '' | jq -r '[.status, .id // "-", .score] | @tsv'
echo "--explain marks it:"
echo 'berapa pajak ngurus ktp' | faqbot -f kb.faq --synonyms /dev/null \
    --thesaurus th.dat --dictionary '' --explain 2>&1 >/dev/null |
    cut -d';' -f1
# An English question's words that any question may hold (get, exactly)
# are left out when no entry has them, not counted as another subject.
echo "an English question's general words:"
echo 'how much exactly to get a marriage certificate' | faqbot -f kb.faq \
    --synonyms /dev/null --thesaurus '' --dictionary en.dict.dz --explain \
    2>&1 >/dev/null | sed 's/; 1\..*//'
