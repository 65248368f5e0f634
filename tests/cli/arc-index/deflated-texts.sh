# An archive whose texts were kept deflated, from before they were coded by
# word: searches read them, --check reads them back, and indexing a changed
# document takes its old words out of the index by its deflated text.
echo 'Surat undangan rapat desa' >a.txt
record() {
	arc-scan a.txt | sed "s/}\$/, \"text\": \"$1\"}/"
}
record 'Surat undangan rapat desa' | arc-index --db old.db -q
python3 - <<'PY'
import sqlite3, struct, zlib
db = sqlite3.connect("old.db")
text = b"Surat undangan rapat desa"
db.execute("UPDATE doc SET body = ?, coded = NULL",
           (struct.pack("<Q", len(text)) + zlib.compress(text),))
db.execute("ALTER TABLE doc DROP COLUMN coded")
db.execute("ALTER TABLE doc DROP COLUMN title_guessed")
db.execute("DROP TABLE word")
db.execute("PRAGMA user_version = 2")
db.commit()
PY
echo "read-only, the old archive as it was:"
arc-find --db old.db rapat | jq -r .snippet
arc-index --db old.db --check
echo "exit $?"
echo "the document changed:"
record 'Surat undangan musyawarah desa' | arc-index --db old.db
arc-find --db old.db rapat
echo "rapat: exit $?"
arc-find --db old.db musyawarah | jq -r .snippet
sqlite3 old.db "SELECT body IS NULL, coded IS NOT NULL FROM doc"
arc-index --db old.db --check
echo "exit $?"
