# Records that come slowly are committed a bounded time after the first
# of a batch came (ARC_COMMIT_SECONDS, 30 unless set), not held until the
# batch is full or the input ends: three records, then nothing more while
# the archive is watched (for 60 s at most), then the rest.
mkdir d
for i in 1 2 3 4 5; do
	printf 'SURAT KETERANGAN %d\nNomor : %d/Kel/2026\n' $i $i >d/s-$i.txt
done
arc-scan -r d | arc-ocr >recs.jsonl
arc-index -q --db a.db </dev/null
mkfifo in
ARC_COMMIT_SECONDS=1 arc-index --db a.db <in &
pid=$!
exec 3>in
head -n 3 recs.jsonl >&3
# Read while the writer commits: it waits for the lock, never fails.
rows() { sqlite3 -cmd '.timeout 5000' a.db 'SELECT count(*) FROM doc'; }
n=600
while [ "$(rows)" != 3 ] && [ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
echo "committed while the input is open: $(rows)"
tail -n 2 recs.jsonl >&3
exec 3>&-
wait $pid
echo "exit $?"
echo "at the end: $(rows)"
ARC_COMMIT_SECONDS=soon arc-index --db a.db </dev/null
