# Titles the paper names weigh as titles (arc-find(1)); an archive of
# layout 5 (layouts/v5-titles, made by bd65513) weighed a decree's
# TENTANG over two lines and a perihal repeated as a line as guessed, and
# keeps doing so for those documents once upgraded (title_guessed NULL)
# until arc-index --optimize settles them: then the decree and the letter
# score as named (the decree now above the note titled by its first
# line), and the index stays whole (--check, and the decree archived
# again).
layouts=$ARC_TESTS/cli/arc-index/layouts
cp "$layouts/v5-titles.db" arsip.db
cp -R "$layouts/v5-titles.files" arsip.files
flags() {
	sqlite3 arsip.db "SELECT id || ' ' || coalesce(title_guessed, 'NULL')
	    FROM doc ORDER BY id"
}
# The three hold "pembentukan" in their titles: in order of score.
ranks() {
	arc-find --db arsip.db pembentukan | jq -r .title
}
arc-index --db arsip.db </dev/null
echo "upgraded:"
flags
ranks
arc-index --db arsip.db --optimize
echo "optimize: exit $?"
flags
ranks
arc-index --db arsip.db --check
echo "check: exit $?"
# The decree archived again with another text: its old words leave the
# index as they were put in, so that a search for one finds nothing.
printf 'keputusan\n' >keputusan.txt
touch -d '2026-11-28 10:00:00' keputusan.txt
arc-scan keputusan.txt |
    jq -c '. + {text: "KEPUTUSAN CAMAT\nTENTANG\nPEMBENTUKAN TIM BARU"}' |
    arc-index --db arsip.db
arc-index --db arsip.db --optimize
arc-index --db arsip.db --check
echo "again: exit $? $(flags | tr '\n' ' ')"
# Its old words are gone: "menimbang" and "terpadu" were only in its old
# text and title.
echo "menimbang, terpadu: $(arc-find --db arsip.db menimbang terpadu 2>/dev/null | jq -r .title)"
echo "baru: $(arc-find --db arsip.db baru | jq -r .title)"
