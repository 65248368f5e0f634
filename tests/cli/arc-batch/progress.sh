# On a terminal the run shows progress (documents of the total, pages,
# rate, time left), then clears it; elsewhere, as under cron, nothing of it.
. "$ARC_TESTS/cli/arc-batch/folders.inc"
python3 - <<'END'
import os, pty, re
pid, fd = pty.fork()
if pid == 0:
    os.execvp("arc-batch", ["arc-batch", "--db", "a.db", "scans"])
out = b""
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
_, status = os.waitpid(pid, 0)
text = out.decode("utf-8", "replace")
print("exit", os.WEXITSTATUS(status))
print("progress line:", bool(re.search(r"arc-ocr: \d+/6 documents, \d+ pages, [\d.]+ pages/s", text)))
print("final count:", "arc-ocr: 6/6 documents" in text)
print("cleared:", text.rstrip().endswith("s") and "\r\x1b[K" in text)
END
rm -rf a.db a.db-* a.files a.db.lock
arc-batch --db a.db scans 2>err
echo "exit $?"
grep -c 'pages/s' err
