# A city archive on PostgreSQL, in a throw-away cluster (pg_virtualenv):
# two offices' nightly runs index into it at once, a letter both hold is
# stored once and listed for both; each office's clerks see only their
# office's letters (row-level security), the city's see all; search,
# reports, --check and --forget work as on SQLite; no password is shown.
command -v pg_virtualenv >/dev/null ||
	{ echo "skipped: no pg_virtualenv (postgresql-common)" >&2; exit 77; }
. "$ARC_TESTS/cli/letters.inc"
mkdir camat lurah
cp surat/undangan.txt surat/sk.txt surat/domisili.txt camat/
cp surat/domisili.txt surat/pengaduan.txt surat/english.txt lurah/
pg_virtualenv -t sh -u "$ARC_TESTS/cli/postgresql/city.inc" >out 2>&1
echo "status $?"
grep -v '^Creating new PostgreSQL cluster\|^Dropping cluster' out |
    sed -e 's/localhost:[0-9]*/localhost:PORT/' -e 's/port [0-9]*/port PORT/'
