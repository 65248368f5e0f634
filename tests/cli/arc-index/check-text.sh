# --check reads every text back from the archive's vocabulary and compares
# it with what was indexed: a word lost or changed in the vocabulary is a
# problem (exit 1) naming the documents; a search still answers, with the
# text it can read, and names a document whose text it cannot.
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
arc-index --db arsip.db --check 2>&1 | sed 's/^arc-index: [^:]*: /arc-index: DB: /'
echo "numbered words: $(sqlite3 arsip.db "SELECT count(*) > 50 FROM word")"
echo "numbers kept as text: $(sqlite3 arsip.db "SELECT count(*) FROM word WHERE w GLOB '*[0-9]*'")"
sqlite3 arsip.db "UPDATE word SET w = 'Cikarang' WHERE w = 'Cibinong';
    DELETE FROM word WHERE w = 'digitisation'"
arc-index --db arsip.db --check
echo "exit $?"
arc-find --db arsip.db --limit 1 undangan koordinasi | jq -r .snippet
echo "exit $?"
# The letter whose word is gone: found, said, no snippet.
arc-find --db arsip.db proposal | jq -r '.path + " [" + .snippet + "]"'
echo "exit $?"
# Indexing the damaged letter again with another text, or forgetting it,
# needs its old text to take its words out of the index: a clear error,
# exit 2, and the archive as it was.
arc-scan surat/english.txt | sed 's/}$/, "text": "Another proposal"}/' >again
arc-index --db arsip.db again
echo "again $?"
arc-index --db arsip.db --forget "$(sqlite3 arsip.db "SELECT sha256 FROM doc WHERE path = 'surat/english.txt'")"
echo "forget $?"
sqlite3 arsip.db "SELECT count(*) FROM doc"
