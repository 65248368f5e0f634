# The same archive on both back ends answers every query the same: a few
# hundred paragraphs of the project's own Indonesian text indexed into
# SQLite and into PostgreSQL (a throw-away cluster, pg_virtualenv), and
# each query (common, middle and rare words, one to three of them, a
# phrase, an excluded word, a tag filter, a misreading) asked of both:
# the same documents in the same order with the same scores once every
# document is in a ranking segment, and after two documents are archived
# again (one with other words, one with none); while the newest are in no
# segment yet, the same documents and the same first.
# And "did you mean" offers the same word for mistyped words on both.
command -v pg_virtualenv >/dev/null ||
	{ echo "skipped: no pg_virtualenv (postgresql-common)" >&2; exit 77; }
python3 "$ARC_TESTS/cli/postgresql/corpus.py" docs queries typos
pg_virtualenv -t sh -u "$ARC_TESTS/cli/postgresql/same.inc" >out 2>&1
echo "status $?"
grep -v '^Creating new PostgreSQL cluster\|^Dropping cluster' out
