# The same archive on both back ends answers every query the same: a few
# hundred paragraphs of the project's own Indonesian text indexed into
# SQLite and into PostgreSQL (a throw-away cluster, pg_virtualenv), and
# each query (common, middle and rare words, one to three of them, a
# phrase, an excluded word, a tag filter, a misreading) asked of both:
# the same documents in the same order with the same scores, both when
# the newest documents are in no ranking segment yet and after, and after
# two documents are archived again (one with other words, one with none).
# "Did you mean" is SQLite's alone (arc-postgresql(7)): not compared.
command -v pg_virtualenv >/dev/null ||
	{ echo "skipped: no pg_virtualenv (postgresql-common)" >&2; exit 77; }
python3 "$ARC_TESTS/cli/postgresql/corpus.py" docs queries
pg_virtualenv -t sh -u "$ARC_TESTS/cli/postgresql/same.inc" >out 2>&1
echo "status $?"
grep -v '^Creating new PostgreSQL cluster\|^Dropping cluster' out
