# A run killed with -9 at any moment, then run again, ends with every
# document archived exactly once, the copies verified, nothing lost and
# the originals untouched.
. "$ARC_TESTS/cli/arc-batch/folders.inc"
sha256sum scans/umum/* >before
# A killed run cannot remove its scratch files: keep them in the test's
# own folder, not the machine's /tmp.
mkdir tmp && export TMPDIR=$PWD/tmp
for delay in 0.3 1 2.5; do
	setsid arc-batch --db a.db scans >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	pkill -KILL -s "$pid"   # the run and its steps at once
	wait "$pid" 2>/dev/null
done
arc-batch --db a.db scans >out 2>&1
echo "exit $?"
holds a.db
arc-batch --db a.db scans 2>&1
sha256sum -c --quiet before && echo "originals untouched"
