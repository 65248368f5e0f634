# SIGTERM to a run stops every program of its pipeline and waits for them
# before the lock is let go: no arc-* process of the run is left, the lock
# is free, and nothing is written to the archive after the run has ended.
# The archive is kept locked (by sqlite3, fed through a FIFO) until the
# run has been sent SIGTERM, so that arc-index commits nothing before;
# then it commits what it got (how many varies: N) and the run ends.
# Then a second run archives the rest, every document once.
mkdir -p scans
i=0
while [ $i -lt 40 ]; do
	printf 'SURAT KETERANGAN %d\nNomor : %d/Kel/2026\n' $i $i >scans/s-$i.txt
	i=$((i + 1))
done
touch -d '2 hours ago' scans/*
arc-index -q --db a.db </dev/null
mkfifo hold
sqlite3 a.db <hold &
holder=$!
exec 3>hold
echo 'BEGIN IMMEDIATE;' >&3
setsid arc-batch --db a.db scans 2>err 3>&- &
run=$!
. "$ARC_TESTS/cli/arc-batch/wait.inc"
indexing() { pgrep -s $run -x arc-index >/dev/null; }
until_true 600 indexing || echo "arc-index never started"
kill -TERM $run
exec 3>&-
wait $holder
# A bound against a hang, not a timing: it ends in well under a second.
if until_true 600 gone; then
	wait $run
	echo "arc-batch: exit $?"
else
	echo "arc-batch still running 60 s after SIGTERM"
fi
left=$(pgrep -s $run | wc -l)
echo "processes of the run left: $left"
flock -n a.db.lock true && echo "the lock is free"
rows() { sqlite3 a.db 'SELECT count(*) FROM doc'; }
before=$(rows)
sleep 1
[ "$(rows)" = "$before" ] && echo "nothing written after the run ended"
n='s/[0-9][0-9]* added/N added/; s/[0-9][0-9]* documents/N documents/'
sed "$n" err
arc-batch --db a.db scans >/dev/null 2>&1
echo "second run: exit $?"
sqlite3 a.db "SELECT count(*), count(DISTINCT sha256), sum(state = 'archived')
    FROM doc"
