# SIGTERM to arc-index stops its reading; the records it got are archived
# and committed, it says how many and exits 143.  Deterministic: it is
# sent SIGTERM once the copies of the four records it was given are made
# (what the workers do before the batch is written), its input still open.
mkdir d
for i in 1 2 3 4 5 6; do
	printf 'SURAT KETERANGAN %d\nNomor : %d/Kel/2026\n' $i $i >d/s-$i.txt
done
arc-scan -r d | arc-ocr >recs.jsonl
mkfifo in
arc-index --db a.db <in &
pid=$!
exec 3>in
head -n 4 recs.jsonl >&3
copies() { [ "$(find a.files -type f ! -name '.*' 2>/dev/null | wc -l)" = 4 ]; }
n=600
while ! copies && [ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
kill -TERM $pid
wait $pid
echo "exit $?"
exec 3>&-
sqlite3 a.db "SELECT count(*), sum(state = 'archived') FROM doc"
# The next run archives the rest, the first four unchanged.
arc-index --db a.db recs.jsonl
