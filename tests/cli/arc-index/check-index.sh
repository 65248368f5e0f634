# --check compares the search index with the archive: FTS5 keeps no text,
# so its own check cannot see a document the index lost (as the step from
# layout 4 to 5 once lost them all) or one it holds and the archive does
# not.  Such an index is made again from the archive, said on one line;
# the next check finds nothing, and a search finds the letter again.
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
id=$(sqlite3 arsip.db "SELECT id FROM doc WHERE path = 'surat/undangan.txt'")
sqlite3 arsip.db "DELETE FROM fts_docsize WHERE id = $id;
    INSERT INTO fts_docsize (id, sz) VALUES (999, x'0101')"
{ arc-index --db arsip.db --check 2>&1; echo "exit $?"; } |
    sed 's/^arc-index: [^:]*: /arc-index: DB: /'
echo "in the index: $(sqlite3 arsip.db "SELECT group_concat(id = $id, '') FROM fts_docsize WHERE id IN ($id, 999)")"
arc-index --db arsip.db --check 2>&1 | sed 's/^arc-index: [^:]*: /arc-index: DB: /'
arc-find --db arsip.db undangan koordinasi | jq -r .path
# The letter's row says its title (its first line) was named; the index
# holds it as a guess, no title: found by each column's count of words,
# and the index made again.
sqlite3 arsip.db "UPDATE doc SET title_guessed = 0 WHERE path = 'surat/domisili.txt';"
{ arc-index --db arsip.db --check 2>&1; echo "exit $?"; } |
    sed 's/^arc-index: [^:]*: /arc-index: DB: /'
arc-index --db arsip.db --check 2>&1 | sed 's/^arc-index: [^:]*: /arc-index: DB: /'
