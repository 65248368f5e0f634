# Archives made by every earlier layout of the archive (layouts/README):
# read as they are by a reader, which may not upgrade them; then upgraded by
# the first arc-index that writes, to the newest layout, the same as a new
# archive's, with the same documents, conversations and erasures; upgrading
# again changes nothing.  Layout 1 and one newer than arc knows are refused.
layouts=$ARC_TESTS/cli/arc-index/layouts
printf 'Surat undangan rapat koordinasi desa\n' >undangan.txt
printf 'Keputusan camat tentang tim pelayanan\n' >keputusan.txt
printf 'Formulir rusak\n' >rusak.txt
printf 'Surat pindah domisili warga\n' >pindah.txt
printf 'Nota dinas rapat anggaran\n' >nota.txt
touch -d '2026-11-28 10:00:00' *.txt
arc-scan nota.txt | sed 's/}$/, "text": "Nota dinas rapat anggaran"}/' >nota.jsonl
# The layout as tables and doc's columns, in order, and FTS5's automerge.
layout() {
	sqlite3 "$1" "SELECT group_concat(name, ' ') FROM (SELECT name FROM
	    sqlite_master WHERE name NOT LIKE 'fts_%' AND name NOT LIKE
	    'sqlite_%' ORDER BY name); SELECT group_concat(name, ' ') FROM
	    pragma_table_info('doc'); SELECT v FROM fts_config WHERE
	    k = 'automerge'"
}
documents() {
	arc-find --db "$1" --json | jq -r '[.path, .title] | join(" ")' | sort
	arc-find --db "$1" rapat | jq -r .snippet
	arc-report --db "$1" --format csv failures review chat unanswered |
	    cut -d, -f1-5
}
arc-index --db new.db </dev/null 2>/dev/null
layout new.db >new.layout
for name in v2-first v2-chat v2-confidence v2-forgotten v2-coded \
    v2-word-pruned v2-forgetting v4 v5 v5-from-v4; do
	echo "== $name"
	cp "$layouts/$name.db" .
	cp -R "$layouts/$name.files" .
	echo "read as it is:"
	documents "$name.db"
	echo "user_version $(sqlite3 "$name.db" 'PRAGMA user_version')"
	echo "upgraded by indexing one more:"
	arc-index --db "$name.db" <nota.jsonl
	echo "exit $?"
	documents "$name.db"
	arc-index --db "$name.db" --check
	echo "check: exit $?"
	# Every archived document in the index (contentless: its rows of
	# sizes), not only those the ranking segments hold.
	sqlite3 "$name.db" "SELECT 'index: ' || (SELECT count(*) FROM
	    fts_docsize) || ' of ' || count(*) || ' documents' FROM doc
	    WHERE state = 'archived'"
	echo "user_version $(sqlite3 "$name.db" 'PRAGMA user_version')"
	layout "$name.db" >"$name.layout"
	cmp -s new.layout "$name.layout" && echo "layout: that of a new archive"
	arc-scan --new --db "$name.db" undangan.txt rusak.txt pindah.txt |
	    jq -r .path
	sqlite3 "$name.db" .schema >before
	arc-index --db "$name.db" <nota.jsonl
	sqlite3 "$name.db" .schema >after
	cmp -s before after && echo "again: nothing changed"
done
cat new.layout
echo "== v1"
cp "$layouts/v1.db" .
arc-find --db v1.db rapat
echo "exit $?"
arc-index --db v1.db <nota.jsonl
echo "exit $?"
echo "== newer"
cp "$layouts/v2-forgetting.db" newer.db
sqlite3 newer.db 'PRAGMA user_version = 7'
arc-find --db newer.db rapat
echo "exit $?"
arc-index --db newer.db <nota.jsonl
echo "exit $?"
echo "user_version $(sqlite3 newer.db 'PRAGMA user_version')"
