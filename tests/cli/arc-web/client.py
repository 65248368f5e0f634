"""client.py: what the arc-web cases' drivers share: arc-web started on a
port the system chooses, a client that keeps the session's cookie and may
say which address it stands for (X-Forwarded-For, believed with
--trust-proxy), and a response printed with tokens made constant."""
import http.client
import re
import subprocess
import urllib.parse


def start(command):
    """arc-web started by command (a list), and the port it said; what it
    said before "listening on" (warnings) is printed as it is."""
    web = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    while True:
        said = web.stderr.readline().strip()
        if not said or "listening on" in said:
            break
        print(said)
    port = said.rsplit(":", 1)[-1].rstrip("/")
    print(said.replace(port, "PORT"))
    return web, int(port)


class Client:
    def __init__(self, port, address=None):
        self.port, self.cookie, self.address = port, None, address

    def call(self, method, path, form=None, cookie=True):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if cookie and self.cookie:
            headers["Cookie"] = "arc_session=" + self.cookie
        if self.address:
            headers["X-Forwarded-For"] = self.address
        c.request(method, path, body, headers)
        r = c.getresponse()
        data = r.read()
        set_cookie = r.getheader("Set-Cookie")
        if set_cookie:
            m = re.match(r"arc_session=([0-9a-f]*);", set_cookie)
            self.cookie = m.group(1) if m and m.group(1) else None
        c.close()
        return r, data

    def csrf(self, page):
        m = re.search(rb'name="csrf" value="([0-9a-f]{64})"', page)
        return m.group(1).decode() if m else None

    def login_token(self):
        """A fresh log-in form's token, in a session of its own."""
        return self.csrf(self.call("GET", "/login")[1])


def show(label, result, body=None):
    r, data = result
    extra = ""
    if r.getheader("Location"):
        extra += " -> " + r.getheader("Location")
    if r.getheader("Set-Cookie"):
        extra += " cookie: " + re.sub(r"=[0-9a-f]{64}", "=TOKEN",
                                      r.getheader("Set-Cookie"))
    print("%s: %d %s%s" % (label, r.status, r.getheader("Content-Type"),
                            extra))
    if body:
        for m in re.findall(body.encode(), data):
            print("  " + (m if isinstance(m, bytes) else m[0]).decode())


# The page's one answer to every refused log-in.
REFUSED = r'<p class="error"[^>]*>[^<]*</p>'
