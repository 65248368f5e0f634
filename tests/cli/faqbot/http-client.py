"""http-client.py: drives faqbot --listen for the http case: starts it on
a port the system chooses, asks through the JSON API and the webhook,
sends what hostile clients send, reloads on SIGHUP, and prints what came
back (times made constant)."""
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def start(*args):
    p = subprocess.Popen(["faqbot", "--listen", "127.0.0.1:0", *args],
                         stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        sys.exit("no port in: " + line)
    print(re.sub(r":\d+/", ":PORT/", line.strip()))
    return p, "http://127.0.0.1:%s" % m.group(1)


def call(base, path, body=None, ctype="application/json", method=None):
    data = None if body is None else (
        body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None and ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            status, headers, text = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, headers, text = e.code, e.headers, e.read()
    text = re.sub(rb'"time":"[^"]*"', b'"time":"T"', text)
    return status, headers, text.decode("utf-8", "replace")


def show(label, result, full=True):
    status, headers, text = result
    print("%s: %d %s" % (label, status, headers.get("Content-Type")))
    if full:
        print("  " + text.strip()[:400])


def raw(base, data, wait=2.0):
    """Sends bytes as they are; the status line of the answer, or what
    happened."""
    host, port = base[7:].split(":")
    s = socket.create_connection((host, int(port)))
    s.settimeout(wait)
    s.sendall(data)
    try:
        got = s.recv(200).split(b"\r\n")[0].decode()
    except socket.timeout:
        got = "no answer yet"
    s.close()
    return got or "closed"


bot, base = start("-f", "kb.faq", "-s", "status.tsv", "--log", "chat.jsonl",
                  "--access-log", "access.log")
head = call(base, "/")
show("page", head, full=False)
print("  " + " ".join("%s=%s" % (h, head[1].get(h)) for h in (
    "Content-Security-Policy", "X-Frame-Options")))
print("  external references:", len(re.findall(r'(src|href)="(https?:)?//',
                                               head[2])))
for asset in ("/chat.js", "/chat.css"):
    show(asset, call(base, asset), full=False)
show("office", call(base, "/api/office"))
show("ask", call(base, "/api/ask", {"q": "syarat bikin ktp apa",
                                    "session": "a"}))
show("english", call(base, "/api/ask", {"q": "I lost my ID card",
                                        "session": "b"}))
show("status", call(base, "/api/ask", {"q": "status REG-2026-000124",
                                       "session": "c"}))
show("webhook", call(base, "/api/webhook", {"from": "6281234",
                                            "text": "ktp ilang gmn"}))
# Hostile: markup, a NIK, wrong types, sizes, methods and paths.
show("markup", call(base, "/api/ask", {
    "q": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "session": "\"><svg onload=alert(3)>"}))
show("nik", call(base, "/api/ask", {"q": "ktp hilang NIK 3201234567890123",
                                    "session": "3201234567890123"}))
show("form post", call(base, "/api/ask", b"q=ktp",
                       "application/x-www-form-urlencoded"))
show("not json", call(base, "/api/ask", b"{q: ktp"))
show("not utf-8", call(base, "/api/ask",
                       b'{"q": "ktp hilang \xe9\xff gmn", "session": "u"}'))
show("no q", call(base, "/api/ask", {"question": "ktp"}))
show("too big", call(base, "/api/ask", {"q": "ktp " * 4000}))
show("get api", call(base, "/api/ask"))
show("outside", call(base, "/../../etc/passwd"))
show("nik path", call(base, "/3201234567890123"))
print("huge header:", raw(base, b"GET / HTTP/1.1\r\nHost: x\r\nX-A: " +
                          b"a" * 70000 + b"\r\n\r\n"))
print("garbage:", raw(base, b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03"
                      b"\r\n\r\n"))
# Reloaded on SIGHUP: a new entry answers, and no request is refused.
with open("kb.faq", "a") as f:
    f.write("\nid: parkir\nq: dimana tempat parkir\n"
            "a: Parkir di halaman belakang.\n")
bot.send_signal(signal.SIGHUP)
time.sleep(1)
show("reloaded", call(base, "/api/ask", {"q": "dimana tempat parkir",
                                         "session": "d"}))
# A client that starts a request and sends no more is cut off.
host, port = base[7:].split(":")
slow = socket.create_connection((host, int(port)))
slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
slow.settimeout(40)
t0 = time.time()
try:
    cut = slow.recv(100) == b""
except (socket.timeout, ConnectionResetError):
    cut = False
print("slow client cut off:", cut, "within 30 s:", time.time() - t0 < 30)
bot.send_signal(signal.SIGTERM)
print("exit", bot.wait(timeout=10))
print("log lines", sum(1 for _ in open("chat.jsonl")),
      "NIK in log", "3201234567890123" in open("chat.jsonl").read())
access = open("access.log").read()
print("access lines", len(access.splitlines()),
      "NIK in access log", "3201234567890123" in access)
print(re.sub(r"^\S+ ", "T ", access.splitlines()[-1]))
# Rate limit: three questions a minute from one address.
bot, base = start("-f", "kb.faq", "--rate", "3")
print("rate:", [call(base, "/api/ask", {"q": "ktp", "session": "r"})[0]
                for _ in range(5)])
bot.send_signal(signal.SIGTERM)
print("exit", bot.wait(timeout=10))
