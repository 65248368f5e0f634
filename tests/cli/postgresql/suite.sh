# The SQLite archive's own golden cases, run against PostgreSQL: arc-find's
# and arc-report's cases with arc-index, arc-find and arc-report on a
# throw-away cluster's
# databases in place of the files they name (on-postgresql.py), compared
# with the same golden output.  Where PostgreSQL answers otherwise, the
# difference is this case's golden output, each known:
#   an archive that is not there is said by the server (help, indonesian,
#     errors);
#   the cases' own sqlite3 commands, and arc-batch (not redirected here),
#     work on the SQLite file (escapes, format, misread, ranking,
#     many-folders, nik).
command -v pg_virtualenv >/dev/null ||
	{ echo "skipped: no pg_virtualenv (postgresql-common)" >&2; exit 77; }
pg_virtualenv -t sh -u "$ARC_TESTS/cli/postgresql/suite.inc" >out 2>&1
echo "status $?"
grep -v '^Creating new PostgreSQL cluster\|^Dropping cluster' out |
    sed -e '/^--- \//d' -e '/^+++ \//d' -e 's/^@@ .*/@@/' \
    -e 's/database "c[0-9a-f]*"/database "NAME"/' -e 's/port [0-9]*/port PORT/'
