# A record longer than a line may hold (64 MiB: a text that long) is not
# lost: arc-tag and arc-index read the document's identity from the start
# of the line, say which document it is (NIK masked) and pass it on as an
# error record; arc-index keeps it as failed, arc-report lists it, and
# arc-scan --retries stops offering it.  The line is made in one go.
mkdir scans
echo 'SURAT KETERANGAN' >scans/ktp-3201234567890123.txt
echo 'Nota dinas' >scans/nota.txt
touch -d '2 hours ago' scans/*
arc-scan -r scans >scanned.jsonl
python3 - <<'END'
import json
with open("scanned.jsonl") as f, open("long.jsonl", "w") as out:
    for line in f:
        rec = json.loads(line)
        if "ktp" in rec["path"]:
            # 65 MiB of text, a NIK at its start.
            rec["text"] = "NIK 3201234567890123 " + "kata " * (13 << 20)
        else:
            rec["text"] = "Nota dinas"
        out.write(json.dumps(rec, separators=(",", ":")) + "\n")
END
echo "through arc-tag and arc-index:"
arc-tag <long.jsonl | arc-index --db a.db
echo "exit $?"
arc-report --db a.db failures | sed 's/"last_tried":"[^"]*"/"last_tried":"T"/'
echo "arc-index alone:"
arc-index --db b.db <long.jsonl
echo "exit $?"
sqlite3 b.db "SELECT path, state, attempts, error FROM doc ORDER BY path"
echo "offered again:"
arc-scan -r --new --retries 1 --db a.db scans
echo "exit $?"
