# Two nightly runs at once on the same folder and archive: with the lock
# the second waits; without it (the bare pipelines) both go through.
# Either way every document is archived once, and nothing fails.
. "$ARC_TESTS/cli/arc-batch/folders.inc"
arc-batch --db a.db scans 2>err1 &
arc-batch --db a.db scans 2>err2 &
wait %1; s1=$?
wait %2; s2=$?
echo "with the lock: exit $s1 and $s2"
holds a.db
pipeline() {
	arc-scan -r --new --settle 60 --db b.db scans | arc-ocr | arc-tag |
	    arc-index --db b.db -q
}
pipeline 2>err3 &
pipeline 2>err4 &
wait %1; s1=$?
wait %2; s2=$?
echo "without it: exit $s1 and $s2"
holds b.db
cat err3 err4
