#!/usr/bin/env python3
"""on-postgresql.py REAL ARGS...: runs the program REAL (arc-index,
arc-find or arc-report) on a PostgreSQL archive in place of the SQLite
file its --db or ARC_DB names, for running the SQLite archive's golden
cases against PostgreSQL (suite.inc).  The file's absolute path names a
database of the cluster (PGHOST, PGPORT, ...), made by the first
arc-index; its copies go where SQLite's would (FILE without .db, plus
.files).  What the program prints names the file and the copies as the
case wrote them, so that its output compares with SQLite's golden one."""
import hashlib
import os
import re
import subprocess
import sys

real, args = sys.argv[1], sys.argv[2:]
env = dict(os.environ)
file, rest, i = None, [], 0
while i < len(args):
    if args[i] == "--db" and i + 1 < len(args):
        file, i = args[i + 1], i + 2
    elif args[i].startswith("--db="):
        file, i = args[i][5:], i + 1
    else:
        rest.append(args[i])
        i += 1
if file is None:
    file = env.get("ARC_DB")
if not file or file.startswith("postgres"):
    os.execv(real, [real] + args)
full = os.path.abspath(file)
name = "c" + hashlib.sha256(full.encode()).hexdigest()[:20]
exists = subprocess.run(["psql", "-Atqd", "postgres", "-c",
                         "SELECT 1 FROM pg_database WHERE datname = '%s'"
                         % name], capture_output=True, text=True).stdout
if not exists.strip() and os.path.basename(real) == "arc-index":
    subprocess.run(["createdb", name], check=True)
uri = "postgresql:///" + name
copies = re.sub(r"\.db$", "", full) + ".files"
shown_copies = re.sub(r"\.db$", "", file) + ".files"
env["ARC_DB"] = uri
env["ARC_COPIES"] = copies
p = subprocess.run([real, "--db", uri] + rest, env=env, stdin=sys.stdin,
                   capture_output=True)


def shown(data):
    return data.replace(uri.encode(), file.encode()).replace(
        copies.encode(), shown_copies.encode())


sys.stdout.buffer.write(shown(p.stdout))
sys.stderr.buffer.write(shown(p.stderr))
sys.exit(p.returncode)
