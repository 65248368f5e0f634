"""http-client.py: drives arc-web for the login case: starts it on a port
the system chooses, logs in (refused, then accepted), searches, opens a
document, sends what hostile clients send, and prints what came back
(tokens, ports and times made constant).  Arguments: the clerk's name, an
account outside the archive's group, their password."""
import re
import subprocess
import sys
import time

from client import Client, REFUSED, show, start as start_command

clerk, outsider, password = sys.argv[1:4]


def start(*args):
    return start_command(["arc-web", "--db", "arsip.db", "--users", "users",
                          "--listen", "127.0.0.1:0", *args])


web, port = start()
c = Client(port)
show("search logged out", c.call("GET", "/?q=rapat"))
r = c.call("GET", "/login")
show("login form", r, r'<label for="[a-z]+">[^<]*</label>')
print("  headers:", r[0].getheader("Content-Security-Policy"), "|",
      r[0].getheader("X-Frame-Options"))
token = c.csrf(r[1])
first = c.cookie
show("login without token", c.call("POST", "/login", {
    "name": clerk, "password": password}))
show("login wrong password", c.call("POST", "/login", {
    "csrf": token, "name": clerk, "password": "salah"}), REFUSED)
show("login outside the group", c.call("POST", "/login", {
    "csrf": token, "name": outsider, "password": password}))
show("login unknown name", c.call("POST", "/login", {
    "csrf": token, "name": "<script>", "password": password}))
show("login", c.call("POST", "/login", {
    "csrf": token, "name": clerk, "password": password}))
print("  new session id:", c.cookie is not None and c.cookie != first)
r = c.call("GET", "/?q=rapat")
show("search rapat", r, r'<p class="count">[^<]*</p>')
for title in re.findall(rb'<td class="title"><a href="(/doc/[0-9a-f]+)">'
                        rb'([^<]*)</a>', r[1]):
    print("  " + title[1].decode())
token = c.csrf(r[1])
doc = re.search(rb'href="/doc/([0-9a-f]{64})">Undangan', r[1]).group(1)
show("filters", c.call("GET", "/?tag=undangan&since=2026-11-01"
                       "&until=2026-12-31&folder=surat"),
     r'<p class="count">[^<]*</p>')
show("did you mean", c.call("GET", "/?q=koordinsai"),
     r'<p class="suggest">.*?</p>')
show("bad date", c.call("GET", "/?q=rapat&since=kemarin"),
     r'<p class="error">[^<]*</p>')
r = c.call("GET", "/doc/" + doc.decode())
show("document", r)
copy = subprocess.run(["sh", "-c", "arc-find --db arsip.db --json | jq -r "
                       "'select(.sha256 == \"%s\") | .archived'" %
                       doc.decode()], capture_output=True, text=True)
print("  same bytes as the archived copy:",
      open(copy.stdout.strip(), "rb").read() == r[1])
print("  headers:", r[0].getheader("Content-Security-Policy"), "|",
      r[0].getheader("Content-Disposition"), "|",
      r[0].getheader("X-Content-Type-Options"))
pdf = re.search(rb'href="/doc/([0-9a-f]{64})">Scan', c.call(
    "GET", "/?q=mime:pdf")[1])
if pdf:
    show("pdf", c.call("GET", "/doc/" + pdf.group(1).decode()))
for path in ("/doc/../../etc/passwd", "/doc/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
             "/doc/" + "0" * 64, "/doc//etc/passwd", "/nowhere"):
    show("outside " + path[:24], c.call("GET", path))
# Markup in a document's title, tags, number, file name and text.
r = c.call("GET", "/?q=pengumuman")
show("hostile", r)
page = r[1].decode()
rows = re.findall(r'<tr><td class="title">.*?</tr>', page, re.S)
print("  raw markup in the page:", any(s in page for s in (
    "<script", "<img", "<b>", "\"><img", "'>")))
for m in rows:
    print("  " + m.replace("\n", " "))
show("reports", c.call("GET", "/reports"), r'<h2[^>]*>[^<]*</h2>')
fails = re.search(r"Dokumen gagal diarsipkan</h2>\s*<table>.*?</table>",
                  c.call("GET", "/reports")[1].decode(), re.S)
for row in re.findall(r"<tr><td>.*?</tr>", fails.group(0) if fails else ""):
    print("  failed:", re.sub(r"\d+ [A-Z][a-z]+ \d{4}", "DATE",
                             re.sub(r"<[^>]+>", "|", row)))
print("  bars with a title:", len(re.findall(
    rb"<rect [^>]*><title>[^<]+</title></rect>", c.call(
        "GET", "/reports")[1])))
show("logout without token", c.call("POST", "/logout", {}))
show("logout wrong token", c.call("POST", "/logout", {"csrf": "0" * 64}))
show("logout", c.call("POST", "/logout", {"csrf": token}))
show("after logout", c.call("GET", "/"))
web.terminate()
print("exit", web.wait(timeout=10))
log = web.stderr.read()
print(re.sub(r"from 127\.0\.0\.1", "from ADDR", log).replace(
    clerk, "CLERK").replace(outsider, "OUTSIDER").rstrip())
print("password in the log:", password in log)

# Sessions end after --idle seconds unused.
web, port = start("--idle", "1")
c = Client(port)
token = c.login_token()
show("login", c.call("POST", "/login", {
    "csrf": token, "name": clerk, "password": password}))
show("at once", c.call("GET", "/"))
time.sleep(2.5)
show("after 2.5 s", c.call("GET", "/"))
web.terminate()
print("exit", web.wait(timeout=10))
