"""gateways.py SHARE: drives the WhatsApp gateways' adapters of
SHARE/webhook for the gateways case.  Starts faqbot --listen on the
shipped answers (SHARE/faq), a fake gateway API that records what it is
sent, and each adapter, on ports the system chooses; posts what each
gateway posts (signed or not, text, status callbacks, pictures, the
office's own messages, groups) and prints what the fake gateway received,
then each adapter's log.  Every wait has a deadline; every process is
stopped at the end, whatever happened."""
import atexit
import hashlib
import hmac
import http.server
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

SHARE = os.path.abspath(sys.argv[1])
WAIT = 15
SECRETS = {
    "cloudapi": {"verify_token": "verify-4f1c9e",
                 "app_secret": "appsecret-77d2b0a9",
                 "access_token": "EAAGaccess-5c3e1f"},
    "fonnte": {"token": "fonnte-tok-8Qw2z"},
    "wablas": {"token": "wablas-tok-K9d2p", "secret_key": "wbsec-31xy"},
}
NIK = "3201234567890123"
procs = []


def kill_all():
    for p in procs:
        if p.poll() is None:
            p.kill()


def out_of_time(*_):
    sys.exit("gateways.py: out of time")


# Nothing here may hang the test run, nor outlive it, whatever fails.
atexit.register(kill_all)
signal.signal(signal.SIGALRM, out_of_time)
signal.alarm(240)


class Fake(http.server.BaseHTTPRequestHandler):
    """The gateways' send APIs: records each request, answers as the
    gateway does."""
    got = []
    cond = threading.Condition()

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers["Content-Type"].startswith("application/json"):
            doc = json.loads(body)
        else:
            doc = {k: v[-1] for k, v in
                   urllib.parse.parse_qs(body.decode()).items()}
        with Fake.cond:
            Fake.got.append((self.path, self.headers["Authorization"],
                             self.headers["Content-Type"].split(";")[0],
                             doc))
            Fake.cond.notify_all()
        if doc.get("target") == "6281299999998":
            time.sleep(3)  # longer than the adapter waits
        if self.path.endswith("/messages"):
            answer = {"messaging_product": "whatsapp",
                      "messages": [{"id": "wamid.fake"}]}
        elif doc.get("target") == "6281299999999":
            answer = {"status": False, "reason": "token invalid"}
        else:
            answer = {"status": True, "detail": "success"}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass


def sent(count, show=True):
    """Waits until the fake has COUNT requests in all; prints the new
    ones: path, content type, whether the credentials were the configured
    ones, to whom and the text, its lines cut at 70 characters.  Returns
    them."""
    with Fake.cond:
        if not Fake.cond.wait_for(lambda: len(Fake.got) >= count, WAIT):
            print("  (nothing sent within %d s)" % WAIT)
        new = Fake.got[sent.shown:]
        sent.shown = len(Fake.got)
    for path, auth, ctype, doc in new if show else ():
        to = doc.get("to") or doc.get("target") or doc.get("phone")
        text = (doc.get("text") or {}).get("body") if "text" in doc \
            else doc.get("message")
        print("  sent %s %s, %s, to %s:" % (path, ctype.split("/")[1],
                                            auth_name(auth), to))
        for line in text.splitlines():
            print("    " + (line if len(line) <= 70 else line[:69] + "~"))
    return new


sent.shown = 0


def auth_name(auth):
    for gw, values in SECRETS.items():
        for name, value in values.items():
            auth = (auth or "").replace(value, "<%s>" % name)
    return auth


def call(url, body=None, headers=None, method=None):
    data = body if body is None or isinstance(body, bytes) else \
        json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers=headers or {},
                                 method=method)
    if data is not None and not req.has_header("Content-type"):
        req.add_header("Content-Type", "application/json")
    try:
        with OPENER.open(req, timeout=WAIT) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Proc:
    """A program whose standard error is read by a thread, line by line,
    so that its lines can be waited for."""

    def __init__(self, args, env=None):
        self.p = subprocess.Popen(args, stderr=subprocess.PIPE, text=True,
                                  env=env)
        procs.append(self.p)
        self.lines = []
        self.cond = threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.p.stderr:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()

    def wait_for(self, pattern):
        with self.cond:
            self.cond.wait_for(lambda: any(re.search(pattern, ln)
                                           for ln in self.lines), WAIT)
            for ln in self.lines:
                m = re.search(pattern, ln)
                if m:
                    return m
        sys.exit("gateways.py: no %r from %s" % (pattern, self.p.args))

    def replies(self, count):
        """Waits until COUNT lines name a sender (masked, "***0002"):
        one a question; a reply's line comes once the gateway took it, so
        without waiting the next question's line may come first."""
        with self.cond:
            if self.cond.wait_for(lambda: sum("***" in ln for ln in
                                              self.lines) >= count, WAIT):
                return
        sys.exit("gateways.py: fewer than %d senders' lines from %s" %
                 (count, self.p.args))

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        try:
            return self.p.wait(WAIT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return "killed"

    def log(self):
        with self.cond:
            return [re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", ln)
                    for ln in self.lines]


def adapter(name, settings, env_settings=None):
    """Starts share/webhook/NAME.py as its unit does (python3 -I), its
    settings in a file of mode 0600 and ENV_SETTINGS in the environment;
    returns it and its base URL."""
    conf = name + ".conf"
    with open(conf, "w") as f:
        os.fchmod(f.fileno(), 0o600)
        for k, v in settings.items():
            f.write("%s = %s\n" % (k, v))
    env = {k: v for k, v in os.environ.items()
           if not k.lower().endswith("_proxy")}
    env["ARC_WEBHOOK_CONF"] = conf
    for k, v in (env_settings or {}).items():
        env["ARC_WEBHOOK_" + k.upper()] = v
    a = Proc(["python3", "-I", os.path.join(SHARE, "webhook", name + ".py")],
             env)
    port = a.wait_for(r"listening on http://127\.0\.0\.1:(\d+)/").group(1)
    return a, "http://127.0.0.1:" + port


def chat_lines():
    with open("chat.jsonl") as f:
        return sum(1 for _ in f)


fake = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Fake)
threading.Thread(target=fake.serve_forever, daemon=True).start()
api = "http://127.0.0.1:%d" % fake.server_address[1]
# faqbot as faqbot-web.service runs it, at five questions a minute.
bot = Proc(["faqbot", "--listen", "127.0.0.1:0", "-f",
            os.path.join(SHARE, "faq"), "--trust-proxy", "--rate", "5",
            "--log", "chat.jsonl"])
faqbot = "http://127.0.0.1:" + bot.wait_for(
    r"listening on http://127\.0\.0\.1:(\d+)/").group(1)
common = {"listen": "127.0.0.1:0", "faqbot": faqbot, "timeout": "5"}

print("== cloudapi")
cloud, base = adapter("cloudapi", dict(
    common, api=api + "/v24.0", phone_number_id="106540352242922",
    **SECRETS["cloudapi"]))
secret = SECRETS["cloudapi"]["app_secret"].encode()


def meta(messages=None, statuses=None, number="106540352242922",
         field="messages"):
    value = {"messaging_product": "whatsapp",
             "metadata": {"display_phone_number": "6282115550172",
                          "phone_number_id": number}}
    if messages:
        value["contacts"] = [{"profile": {"name": "Warga"},
                              "wa_id": "6281100000001"}]
        value["messages"] = messages
    if statuses:
        value["statuses"] = statuses
    return json.dumps({"object": "whatsapp_business_account", "entry": [
        {"id": "102290129340398", "changes": [
            {"value": value, "field": field}]}]}).encode()


def text(body, ident, sender="6281100000001"):
    return {"from": sender, "id": ident, "timestamp": "1795925482",
            "type": "text", "text": {"body": body}}


def signed(body, key=secret):
    return {"X-Hub-Signature-256": "sha256=" + hmac.new(
        key, body, hashlib.sha256).hexdigest()}


def post_meta(label, body, headers):
    status, _ = call(base + "/webhook", body, headers)
    print("%s: %d" % (label, status))


q = urllib.parse.urlencode({"hub.mode": "subscribe",
                            "hub.verify_token": "verify-4f1c9e",
                            "hub.challenge": "1158201444"})
print("handshake: %d %s" % call(base + "/webhook?" + q))
print("handshake, wrong token: %d" % call(base + "/webhook?" + q.replace(
    "verify-4f1c9e", "guess"))[0])
before = chat_lines()
body = meta([text("jam berapa kantor buka", "wamid.A1")])
post_meta("wrong signature", body, signed(body, b"not-the-app-secret"))
post_meta("unsigned", body, {})
post_meta("signature of another body", body, signed(body + b" "))
print("faqbot asked for these:", chat_lines() != before)
post_meta("text", body, signed(body))
sent(1)
cloud.replies(1)
post_meta("the same delivery again", body, signed(body))
for label, b in (
        ("status callback", meta(statuses=[{
            "id": "wamid.OUT1", "status": "delivered",
            "timestamp": "1795925490", "recipient_id": "6281100000001"}])),
        ("picture", meta([{"from": "6281100000001", "id": "wamid.P1",
                           "type": "image", "image": {
                               "id": "1479", "mime_type": "image/jpeg"}}])),
        ("another number's", meta([text("halo", "wamid.N1")],
                                  number="999999")),
        ("message echo", meta([text("halo", "wamid.E1")],
                              field="smb_message_echoes"))):
    post_meta(label, b, signed(b))
b = meta([text("ktp", "wamid.A2")])
post_meta("one word", b, signed(b))
sent(2)
cloud.replies(2)
b = meta([text("1", "wamid.A3")])
post_meta("its number", b, signed(b))
sent(3)
cloud.replies(3)
print("not JSON: %d" % call(base + "/webhook", b"{oops", signed(
    b"{oops"))[0])
print("elsewhere: %d, GET healthz: %d" % (
    call(base + "/other", b"{}", signed(b"{}"))[0],
    call(base + "/healthz")[0]))

print("== fonnte")
fonnte, fonnte_base = adapter("fonnte", dict(common, api=api,
                                              device="6282115550172",
                                              timeout="1"),
                               {"token": SECRETS["fonnte"]["token"]})
base = fonnte_base
incoming = {"device": "6282115550172", "sender": "6281200000002",
            "message": "syarat bikin ktp apa aja", "name": "Budi",
            "member": "", "location": "", "url": "", "filename": "",
            "extension": "", "inboxid": 501}
print("text: %d" % call(base + "/webhook", incoming)[0])
sent(4)
fonnte.replies(1)
for label, extra in (
        ("status callback", {"sender": None, "message": None, "id": "77",
                             "stateid": "x1", "status": "sent",
                             "state": "delivered"}),
        ("picture", {"url": "https://example.org/foto.jpg",
                     "extension": "jpg", "message": "", "inboxid": 502}),
        ("the office's own", {"sender": "6282115550172", "inboxid": 503}),
        ("group", {"sender": "120363045611111111@g.us",
                   "member": "6281200000002", "inboxid": 504})):
    print("%s: %d" % (label, call(base + "/webhook",
                                  dict(incoming, **extra))[0]))
print("with a NIK: %d" % call(base + "/webhook", dict(
    incoming, message="ktp hilang NIK " + NIK, inboxid=505))[0])
sent(5)
fonnte.replies(2)
print("refused by the gateway: %d" % call(base + "/webhook", dict(
    incoming, sender="6281299999999", inboxid=506))[0])
sent(6)
fonnte.replies(3)
print("the gateway too slow: %d" % call(base + "/webhook", dict(
    incoming, sender="6281299999998", inboxid=507))[0])
sent(7)
fonnte.wait_for(r"\*\*\*9998: .*timed out")

print("== wablas")
wablas, base = adapter("wablas", dict(common, api=api,
                                      **SECRETS["wablas"]))
incoming = {"id": "3EB0C1", "phone": "6281300000003",
            "message": "kantor dukcapil buka jam brp", "pushName": "Siti",
            "isGroup": False, "isFromMe": False, "messageType": "text",
            "timestamp": 1795925482}
print("text: %d" % call(base + "/webhook", incoming)[0])
sent(8)
wablas.replies(1)
for label, extra in (
        ("the office's own", {"isFromMe": True, "id": "3EB0C2"}),
        ("group", {"isGroup": True, "id": "3EB0C3"}),
        ("picture", {"messageType": "image", "message": "",
                     "url": "https://example.org/ktp.jpg", "id": "3EB0C4"})):
    print("%s: %d" % (label, call(base + "/webhook",
                                  dict(incoming, **extra))[0]))
form = urllib.parse.urlencode(dict(incoming, id="3EB0C5", phone=
                                   "6281300000004")).encode()
print("as a form: %d" % call(base + "/webhook", form, {
    "Content-Type": "application/x-www-form-urlencoded"})[0])
sent(9)
wablas.replies(2)
# faqbot's --rate counts each sender apart: six questions of one in a
# row, five answered; then another sender is answered still.
for i in range(6):
    call(base + "/webhook", dict(incoming, phone="6281300000009",
                                 id="R%d" % i))
    wablas.replies(3 + i)
print("six questions in a row from one sender, replies:",
      len(sent(14, show=False)))
wablas.wait_for(r"\*\*\*0009: faqbot refused")
print("and from another: %d" % call(base + "/webhook", dict(
    incoming, phone="6281300000010", id="R9"))[0])
sent(15)

print("== faqbot down")
print("faqbot exit", bot.stop())
t0 = time.time()
print("fonnte, text: %d" % call(fonnte_base + "/webhook", {
    "device": "6282115550172", "sender": "6281200000007",
    "message": "jam buka", "inboxid": 601})[0])
print("answered at once:", time.time() - t0 < 2)
fonnte.wait_for(r"\*\*\*0007: faqbot at .* did not answer")
print("sent since:", len(Fake.got) - sent.shown)

print("== settings")
with open("bad.conf", "w") as f:
    os.fchmod(f.fileno(), 0o600)
    f.write("# no app secret\nverify_token = x\naccess_token = y\n")
env = dict(os.environ, ARC_WEBHOOK_CONF="bad.conf")
r = subprocess.run(["python3", "-I", os.path.join(SHARE, "webhook",
                                                  "cloudapi.py")],
                   env=env, stderr=subprocess.PIPE, text=True, timeout=WAIT)
print(r.stderr.strip(), "exit", r.returncode)
with open("bad.conf", "a") as f:
    f.write("app_secret = z\nlisten = 8085 please\n")
r = subprocess.run(["python3", "-I", os.path.join(SHARE, "webhook",
                                                  "cloudapi.py")],
                   env=env, stderr=subprocess.PIPE, text=True, timeout=WAIT)
print(r.stderr.strip(), "exit", r.returncode)

for name, a in (("cloudapi", cloud), ("fonnte", fonnte),
                ("wablas", wablas)):
    print("== %s's log, exit %s" % (name, a.stop()))
    for line in a.log():
        print("  " + line)
logs = "\n".join("\n".join(a.lines) for a in (cloud, fonnte, wablas))
print("secrets in the logs:", any(v in logs for s in SECRETS.values()
                                  for v in s.values()))
print("NIK in the logs:", NIK in logs, "in faqbot's:",
      NIK in open("chat.jsonl").read())
print("bytecode left in share/webhook:",
      os.path.exists(os.path.join(SHARE, "webhook", "__pycache__")))
fake.shutdown()
