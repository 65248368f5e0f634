# An arc-batch of 60 letters interrupted at 80% keeps the 48 documents
# read so far: arc-ocr is stopped, arc-tag and arc-index finish what they
# got and arc-index commits it.  The next run archives the other 12,
# nothing twice.  Deterministic: arc-ocr here is the real one behind a
# gate that passes 48 records and then holds the rest until it is killed,
# so the run is interrupted with exactly 48 documents on their way.
mkdir -p scans bin
i=0
while [ $i -lt 60 ]; do
	printf 'SURAT KETERANGAN %d\nNomor : %d/Kel/2026\n' $i $i >scans/s-$i.txt
	i=$((i + 1))
done
touch -d '2 hours ago' scans/*
# arc-batch runs the programs beside it: a copy of it, the real programs
# and the gated arc-ocr.
real=$(dirname "$(command -v arc-index)")
cp "$real/arc-batch" bin/
for p in arc-scan arc-tag arc-index; do
	ln -s "$real/$p" bin/$p
done
cat >bin/arc-ocr <<EOT
#!/bin/sh
"$real/arc-ocr" "\$@" >"$PWD/ocr.jsonl" || exit
exec python3 -c '
import sys, time
for n, line in enumerate(open(sys.argv[1])):
    if n == 48:
        open(sys.argv[2], "w").close()
        time.sleep(600)
    sys.stdout.write(line)
    sys.stdout.flush()
' "$PWD/ocr.jsonl" "$PWD/gate"
EOT
chmod +x bin/arc-ocr
arc-index -q --db a.db </dev/null
setsid bin/arc-batch --db a.db scans 2>err &
run=$!
. "$ARC_TESTS/cli/arc-batch/wait.inc"
gated() { [ -e gate ]; }
until_true 600 gated || echo "the gate was never reached"
kill -TERM $run
if until_true 600 gone; then
	wait $run
	echo "arc-batch: exit $?"
else
	echo "arc-batch still running 60 s after SIGTERM"
fi
echo "processes of the run left: $(pgrep -s $run | wc -l)"
rows() { sqlite3 a.db 'SELECT count(*) FROM doc'; }
echo "rows: $(rows)"
cat err
arc-batch --db a.db scans 2>&1 | sed 's/in [0-9]* s$/in N s/'
sqlite3 a.db "SELECT count(*), count(DISTINCT sha256), sum(state = 'archived')
    FROM doc"
