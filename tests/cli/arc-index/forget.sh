# arc-index --forget erases a document on a citizen's request: its copy,
# its searchable PDF, its row and its words, with no trace of its text left
# in the database file (its name gone from the vocabulary and from the
# ranking segments too, in any case, the words others use kept); the other
# documents stay, the archive checks clean, the original is not touched,
# and neither arc-index nor arc-scan --new takes it in again.
. "$ARC_TESTS/cli/letters.inc"
cp "$SAMPLES/undangan-rapat-koordinasi.png" surat/
mkdir pdf
arc-scan -r surat | arc-ocr -j 1 --pdf pdf | arc-tag -j 1 |
	arc-index -q --db arsip.db
echo "indexed $?"
sha() { sqlite3 arsip.db "SELECT sha256 FROM doc WHERE path LIKE '%$1'"; }
domisili=$(sha domisili.txt) png=$(sha .png)
copy=$(copy_of surat/domisili.txt)
echo "copy before: $(test -f "$copy" && echo kept)"
pdf=$(sqlite3 arsip.db "SELECT pdf FROM doc WHERE sha256 = '$png'")
vocabulary() {
	sqlite3 arsip.db "SELECT group_concat(w, ' ') FROM (SELECT w FROM word
	    WHERE w IN ('Siti', 'Aminah', 'bahwa', 'Sukamaju') ORDER BY w)"
}
echo "before: title in the database $(grep -c -a 'KETERANGAN DOMISILI' arsip.db)," \
	"name $(grep -c -a 'Aminah' arsip.db)" \
	"(in any case $(grep -c -a -i 'aminah' arsip.db))," \
	"pdf $(test -f "$pdf" && echo kept)"
echo "vocabulary: $(vocabulary)"
arc-index --db arsip.db --forget "$domisili" "$png" 2>said
echo "forget $?"
sed "s/$domisili/DOMISILI/; s/$png/PNG/" said
echo "after: title in the database $(grep -c -a 'KETERANGAN DOMISILI' arsip.db)," \
	"name $(grep -c -a 'Aminah' arsip.db)" \
	"(in any case $(grep -c -a -i 'aminah' arsip.db))," \
	"copy $(test -e "$copy" && echo left || echo gone)," \
	"pdf $(test -e "$pdf" && echo left || echo gone)," \
	"log $(test -s arsip.db-wal && echo left || echo empty)"
echo "vocabulary: $(vocabulary)"
sqlite3 arsip.db "SELECT count(*) FROM doc WHERE sha256 IN ('$domisili', '$png')"
arc-find --db arsip.db Aminah Sukamaju
echo "find $?"
arc-find --db arsip.db --json | jq -r .path
arc-index --db arsip.db --check 2>&1 | sed 's/^arc-index: [^:]*: /arc-index: DB: /'
echo "originals: $(ls surat | wc -l)"
# The papers are still in the scanner folder: not taken in again.
arc-scan -r --new --db arsip.db surat | jq -r .path
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 | arc-index --db arsip.db
echo "again $?"
# Twice, or a sha256 the archive never had: said, exit 1; a bad one: 2.
arc-index --db arsip.db --forget "$domisili" 2>&1 | sed "s/$domisili/DOMISILI/"
arc-index --db arsip.db --forget "$(printf '%064d' 0)"
echo "unknown $?"
arc-index --db arsip.db --forget 12/KPTS/2023
echo "bad $?"
