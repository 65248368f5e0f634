# A read replica serves arc-find and arc-report (arc-postgresql(7), A READ
# REPLICA): a streaming standby of the throw-away cluster (pg_basebackup
# -R), searched as the primary is, a letter archived on the primary found
# on the replica once replayed, and a writer pointed at the replica
# refused with exit 2.  Needs root (the standby's cluster runs as
# postgres).
command -v pg_virtualenv >/dev/null ||
	{ echo "skipped: no pg_virtualenv (postgresql-common)" >&2; exit 77; }
[ "$(id -u)" = 0 ] ||
	{ echo "skipped: a standby cluster needs root" >&2; exit 77; }
. "$ARC_TESTS/cli/letters.inc"
pg_virtualenv -t sh -u "$ARC_TESTS/cli/postgresql/replica.inc" >out 2>&1
echo "status $?"
grep -v '^Creating new PostgreSQL cluster\|^Dropping cluster' out
