"""rate-client.py: drives arc-web for the login-rate case: twelve log-ins
at once from one address, then one from another, and what came back
(counted: the order of answers to requests at once is the server's)."""
import collections
import re
from concurrent.futures import ThreadPoolExecutor

from client import Client, show, start

web, port = start(["arc-web", "--db", "arsip.db", "--users", "users",
                   "--trust-proxy", "--listen", "127.0.0.1:0"])
form = Client(port, "192.0.2.1")
token = form.login_token()


def attempt(i, address="192.0.2.1"):
    c = Client(port, address)
    c.cookie = form.cookie
    return c.call("POST", "/login", {"csrf": token, "name": "petugas%d" % i,
                                     "password": "salah"})


with ThreadPoolExecutor(12) as pool:
    results = list(pool.map(attempt, range(12)))
statuses = collections.Counter(r.status for r, _ in results)
print("twelve at once from 192.0.2.1:", ", ".join(
    "%d x%d" % (s, n) for s, n in sorted(statuses.items())))
show("too many", next(r for r in results if r[0].status == 429),
     r"<p class=\"error\">[^<]*</p>")
show("from 198.51.100.7", attempt(12, "198.51.100.7"))
web.terminate()
print("exit", web.wait(timeout=10))
log = re.sub(r"petugas[0-9]+", "petugasN", web.stderr.read())
for line, n in sorted(collections.Counter(log.splitlines()).items()):
    print("%d x %s" % (n, line))
