# arc-index --forget leaves in the vocabulary only the words the remaining
# texts use: the forgotten document's, and those an earlier version of
# another document left behind, are taken out; the texts still read back.
# The ranking segments keep no term of the forgotten document's that no
# other document has (its name), nor its counts.
echo 'a' >a.txt
echo 'b' >b.txt
record() {
	arc-scan "$1" | sed "s/}\$/, \"text\": \"$2\"}/"
}
words() {
	sqlite3 arsip.db "SELECT group_concat(w, ' ') FROM (SELECT w FROM word
	    WHERE w GLOB '[A-Za-z]*' ORDER BY w)"
}
ranked() {
	sqlite3 arsip.db "SELECT group_concat(term || ':' || df, ' ') FROM
	    (SELECT term, sum(df) AS df FROM rank_post GROUP BY term ORDER BY
	    term); SELECT sum(docs) FROM rank_segment"
}
record a.txt 'Surat rahasia Xylofon' | arc-index -q --db arsip.db
record a.txt 'Surat biasa' | arc-index -q --db arsip.db
record b.txt 'Surat lain untuk Budi' | arc-index -q --db arsip.db
echo "before: $(words)"
echo "ranked before:" $(ranked)
arc-index -q --db arsip.db --forget "$(sha256sum b.txt | cut -c1-64)" 2>/dev/null
echo "forget $?"
echo "after: $(words)"
echo "ranked after:" $(ranked)
echo "prunings: $(sqlite3 arsip.db "SELECT count(*) FROM word_pruned")"
arc-find --db arsip.db --json surat | jq -r .snippet
arc-index --db arsip.db --check
echo "check $?"
