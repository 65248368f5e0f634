# SIGTERM to a run stops every program of its pipeline and waits for them
# before the lock is let go: no arc-* process of the run is left, the lock
# is free at once, and nothing is written to the archive after the run
# has ended.  Deterministic: the archive is kept locked (by sqlite3, fed
# through a FIFO) until the run has been stopped, so that arc-index cannot
# commit before; once the lock is let go, an arc-index still alive would.
# Then a run from scratch archives every document once.
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
# bounded waits: a step of 0.1 s, n times; false when time is up
until_true() {
	n=$1
	shift
	while ! "$@"; do
		n=$((n - 1))
		[ $n -gt 0 ] || return 1
		sleep 0.1
	done
}
indexing() { pgrep -s $run -x arc-index >/dev/null; }
gone() { ! kill -0 $run 2>/dev/null; }
until_true 600 indexing || echo "arc-index never started"
kill -TERM $run
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
echo "rows: $(rows)"
exec 3>&-
wait $holder
sleep 1
echo "rows a second after the archive is unlocked: $(rows)"
until_true 600 gone
cat err
arc-batch --db a.db scans 2>&1 | sed 's/in [0-9]* s$/in N s/'
sqlite3 a.db "SELECT count(*), count(DISTINCT sha256), sum(state = 'archived')
    FROM doc"
