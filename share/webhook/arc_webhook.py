"""arc_webhook.py: what the WhatsApp gateway adapters share (settings,
the log, the small HTTP server, the call to faqbot, the workers), so that
each adapter (cloudapi.py, fonnte.py, wablas.py) says only what its
gateway posts and how it sends.

Python 3 standard library only, as Debian's python3 has it.  An adapter
is a Gateway subclass handed to run(); see README beside this file."""
import collections
import hashlib
import hmac
import http.server
import json
import os
import queue
import re
import secrets
import signal
import socket
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import zlib

# What a gateway may post at once (Meta batches up to a few hundred KB).
BODY_MAX = 256 * 1024
# faqbot reads a question up to 1000 bytes, and a body up to 8 KB, which
# a text cut here fits, in any script, escapes and all.
QUESTION_MAX = 1000
# WhatsApp's own limit on a text message (the Cloud API's; the other
# gateways pass text through to the same WhatsApp).
REPLY_MAX = 4096
# A connection that sends nothing for this long is cut off.
IDLE_SECONDS = 15
# Workers: one sender's messages always go to the same one, in order, so
# that "2" picks from the suggestions made just before.
WORKERS = 4
QUEUE_MAX = 200
# Message ids remembered, so that a gateway's retry is not answered twice.
SEEN_MAX = 4096

# 16 digits in a row or in groups parted by single spaces, dots or dashes,
# as faqbot(1) masks them: the first four stay.
NIK = re.compile(r"(?<![0-9])([0-9])((?:[ .-]?[0-9]){15})(?![0-9])")
SENDER = re.compile(r"[0-9A-Za-z@.:_+-]{3,64}")


def mask_nik(text):
    """text with every NIK masked as faqbot masks it."""
    def one(m):
        whole = m.group(0)
        kept, digits = "", 0
        for ch in whole:
            if ch.isdigit():
                digits += 1
                kept += ch if digits <= 4 else "*"
            else:
                kept += ch
        return kept
    return NIK.sub(one, text)


def digits(text):
    """The digits of a number however it is written (+62 812-...)."""
    return "".join(ch for ch in str(text or "") if ch.isdigit())


def truthy(value):
    """A gateway's yes: true, "true", 1 or "1"."""
    return value is True or str(value).lower() in ("true", "1", "yes")


def shown(sender):
    """A sender as the log shows it: the last four characters only."""
    return "***" + sender[-4:]


class Log:
    """One line a message on standard error (the journal, under systemd),
    "prog: message", with every NIK masked, every secret of the settings
    replaced and control characters made spaces."""

    def __init__(self, prog):
        self.prog = prog
        self.secrets = []
        self.lock = threading.Lock()

    def __call__(self, fmt, *args):
        line = fmt % args if args else fmt
        for s in self.secrets:
            line = line.replace(s, "[secret]")
        line = re.sub(r"[\x00-\x1f\x7f]", " ", mask_nik(line))
        with self.lock:
            sys.stderr.write("%s: %s\n" % (self.prog, line[:500]))
            sys.stderr.flush()


class SettingsError(Exception):
    pass


def conf_path():
    """The settings file: ARC_WEBHOOK_CONF, else the one systemd's
    LoadCredential= hands over, else none (environment only)."""
    path = os.environ.get("ARC_WEBHOOK_CONF")
    if path:
        return path
    creds = os.environ.get("CREDENTIALS_DIRECTORY")
    if creds and os.path.exists(os.path.join(creds, "webhook.conf")):
        return os.path.join(creds, "webhook.conf")
    return None


def load_settings(names, log):
    """The settings NAMES (name: (default, whether a secret); a default
    of None: required) from the file (name = value lines, # comments, as
    arc.conf(5)), then from the environment (ARC_WEBHOOK_NAME), which
    wins.  Never from the command line, where every user of the machine
    could read them.  Secrets are given to LOG to keep out of its lines."""
    values = {n: d for n, (d, _) in names.items()}
    path = conf_path()
    if path is not None:
        try:
            with open(path, encoding="utf-8") as f:
                mode = os.fstat(f.fileno()).st_mode
                lines = f.read().splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise SettingsError("%s: %s" % (path, getattr(
                e, "strerror", None) or "not UTF-8 text"))
        if mode & 0o004 and any(s for _, s in names.values()):
            log("%s: readable by every user of the machine, and it holds "
                "secrets (chmod 600)", path)
        for n, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, eq, value = line.partition("=")
            name = name.strip()
            if not eq:
                raise SettingsError("%s:%d: expected name = value" %
                                    (path, n))
            if name not in names:
                raise SettingsError("%s:%d: unknown setting '%s'" %
                                    (path, n, name))
            values[name] = value.strip()
    for name in names:
        env = os.environ.get("ARC_WEBHOOK_" + name.upper())
        if env is not None:
            values[name] = env
    missing = [n for n, v in values.items()
               if not v and names[n][0] is None]
    if missing:
        raise SettingsError("missing setting %s (%s, or ARC_WEBHOOK_%s)" % (
            missing[0], path or "no settings file: ARC_WEBHOOK_CONF",
            missing[0].upper()))
    for n, (_, secret) in names.items():
        # A short one would hide unrelated text; it is no secret anyway.
        if secret and len(values[n]) >= 6:
            log.secrets.append(values[n])
    return values


def check_url(name, url):
    u = urllib.parse.urlsplit(url)
    if u.scheme not in ("http", "https") or not u.hostname:
        raise SettingsError("%s: expected http://HOST[:PORT][/PATH], not "
                            "'%s'" % (name, url))
    return url.rstrip("/")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A POST is never sent on elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


# faqbot is on this machine: no proxy, whatever the environment says; the
# gateways are outside, through the office's proxy if it has one.
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                    NoRedirect)
OUTSIDE = urllib.request.build_opener(NoRedirect)


def post(opener, url, body, headers, timeout):
    """POSTs BODY (a dict: JSON; with a form content type: form fields).
    Returns (status, the answer as JSON or None, a short reason); status
    0 when nothing came back (refused, timed out)."""
    headers = dict(headers)
    ctype = headers.setdefault("Content-Type", "application/json")
    data = (urllib.parse.urlencode(body) if ctype.startswith(
        "application/x-www-form-urlencoded") else json.dumps(
        body, ensure_ascii=False)).encode("utf-8")
    req = urllib.request.Request(url, data=data, headers=headers,
                                 method="POST")
    try:
        with opener.open(req, timeout=timeout) as r:
            status, raw = r.status, r.read(BODY_MAX)
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read(2000)
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        if isinstance(reason, socket.timeout) or "timed out" in str(reason):
            return 0, None, "timed out"
        return 0, None, getattr(reason, "strerror", None) or str(reason)
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        doc = None
    return status, doc, raw[:200].decode("utf-8", "replace")


def outcome(status, doc, reason, why_key=None):
    """(ok, why) of a send call to a gateway that answers 200 and
    {"status": true} when it takes the message, and says why not in
    WHY_KEY (Fonnte, Wablas)."""
    if status == 200 and isinstance(doc, dict) and doc.get("status") is True:
        return True, None
    if isinstance(doc, dict) and isinstance(doc.get(why_key), str):
        reason = doc[why_key]
    return False, "%d %s" % (status, reason) if status else reason


def reply_text(reply):
    """The text to send back: faqbot's, with the suggestions numbered
    when its text does not number them already."""
    text = reply.get("text") if isinstance(reply, dict) else None
    if not isinstance(text, str):
        return ""
    choices = reply.get("choices")
    if isinstance(choices, list):
        for i, c in enumerate(choices, 1):
            line = "%d. %s" % (i, c)
            if isinstance(c, str) and line not in text:
                text += "\n" + line
    if len(text) > REPLY_MAX:
        text = text[:REPLY_MAX - 1] + "\u2026"
    return text


class Message:
    """One citizen's text: who sent it, what, and the gateway's id for it
    (or None), by which a retried delivery is recognised."""

    def __init__(self, sender, text, ident=None, extra=None):
        self.sender, self.text, self.ident = sender, text, ident
        self.extra = extra or {}


class Gateway:
    """What an adapter says about its gateway.  SETTINGS are its own,
    added to the common ones: name -> (default or None when required,
    whether it is a secret)."""
    name = "gateway"
    SETTINGS = {}
    LISTEN = "127.0.0.1:8090"
    API = None

    def __init__(self, settings, log):
        self.settings, self.log = settings, log

    def authentic(self, headers, body):
        """Whether a POST comes from the gateway (a signature)."""
        return True

    def get(self, query):
        """A GET of the webhook's path: (status, text)."""
        return 405, "use POST\n"

    def messages(self, doc):
        """The citizens' text messages a posted document holds, as a list
        of Message; everything else (status callbacks, pictures, the
        office's own messages, groups) left out."""
        raise NotImplementedError

    def send(self, message, text):
        """Sends TEXT back to MESSAGE's sender: (ok, reason)."""
        raise NotImplementedError

    def flat_message(self, doc, sender_key, ident, device=""):
        """The Message of a gateway that posts one flat object a message
        (Fonnte, Wablas): its SENDER_KEY and "message", or None when
        either is missing or the sender is the office's own number (the
        device setting, else DEVICE as the gateway names it)."""
        sender, text = doc.get(sender_key), doc.get("message")
        if not isinstance(sender, str) or not isinstance(text, str):
            return None
        own = digits(self.settings.get("device") or device)
        if own and digits(sender) == own:
            return None
        return Message(sender, text, ident and "%s/%s" % (sender, ident))

    def timeout(self):
        return float(self.settings["timeout"])


def common_settings(gateway):
    return {
        "listen": (gateway.LISTEN, False),
        "path": ("/webhook", False),
        "faqbot": ("http://127.0.0.1:8081", False),
        "api": (gateway.API, False),
        "timeout": ("10", False),
    }


def parse_body(headers, body):
    """A posted body as a dict: JSON, or form fields (one value each)."""
    ctype = (headers.get("Content-Type") or "").lower()
    if ctype.startswith("application/x-www-form-urlencoded"):
        return {k: v[-1] for k, v in urllib.parse.parse_qs(
            body.decode("utf-8", "replace")).items()}
    doc = json.loads(body.decode("utf-8"))
    if not isinstance(doc, dict):
        raise ValueError("not an object")
    return doc


class Service:
    """The adapter at work: the workers that ask faqbot and answer, and
    the ids already seen."""

    def __init__(self, gateway, log):
        self.gw, self.log = gateway, log
        s = gateway.settings
        self.ask_url = s["faqbot"] + "/api/webhook"
        # faqbot tells its clients apart by address (--rate); behind this
        # adapter every citizen would be 127.0.0.1.  With --trust-proxy it
        # takes X-Forwarded-For from this machine: each sender gets an
        # address of its own, made up, the same for this run only.
        self.salt = secrets.token_bytes(16)
        self.seen = collections.OrderedDict()
        self.seen_lock = threading.Lock()
        self.queues = [queue.Queue(QUEUE_MAX) for _ in range(WORKERS)]
        self.threads = [threading.Thread(target=self.work, args=(q,),
                                         daemon=True) for q in self.queues]
        for t in self.threads:
            t.start()

    def address(self, sender):
        h = hmac.new(self.salt, sender.encode(), hashlib.sha256).hexdigest()
        return "fd%s:%s" % (h[:2], ":".join(h[2 + 4 * i:6 + 4 * i]
                                            for i in range(7)))

    def take(self, messages):
        """Queues the new messages; never waits."""
        for m in messages:
            if m.ident is not None:
                with self.seen_lock:
                    if m.ident in self.seen:
                        continue
                    self.seen[m.ident] = True
                    if len(self.seen) > SEEN_MAX:
                        self.seen.popitem(last=False)
            q = self.queues[zlib.crc32(m.sender.encode()) % WORKERS]
            try:
                q.put_nowait(m)
            except queue.Full:
                self.log("%s: too many messages waiting; this one is left "
                         "unanswered", shown(m.sender))

    def work(self, q):
        while True:
            m = q.get()
            if m is None:
                return
            try:
                self.answer(m)
            except Exception as e:  # a worker must outlive one message
                self.log("%s: %s: %s", shown(m.sender), type(e).__name__, e)

    def answer(self, m):
        t = self.gw.timeout()
        status, reply, reason = post(
            LOCAL, self.ask_url, {"from": m.sender, "text": m.text},
            {"X-Forwarded-For": self.address(m.sender)}, t)
        if status == 429:
            self.log("%s: faqbot refused: too many questions (429); no "
                     "reply sent", shown(m.sender))
            return
        if status != 200 or not isinstance(reply, dict):
            self.log("%s: faqbot at %s did not answer (%s); no reply sent",
                     shown(m.sender), self.ask_url, status or reason)
            return
        text = reply_text(reply)
        if not text:
            return
        ok, why = self.gw.send(m, text)
        if ok:
            self.log("%s: %s, reply sent", shown(m.sender),
                     reply.get("status"))
        else:
            self.log("%s: %s, but the gateway did not take the reply: %s",
                     shown(m.sender), reply.get("status"), why)

    def stop(self, wait):
        for q in self.queues:
            try:
                q.put(None, timeout=wait)
            except queue.Full:
                pass
        for t in self.threads:
            t.join(wait)


def make_handler(service):
    gw, log = service.gw, service.log
    path = gw.settings["path"]

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "arc-webhook"
        sys_version = ""
        timeout = IDLE_SECONDS
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            # Request lines are not logged: the path may hold a secret,
            # and Meta's handshake holds the verify token.
            pass

        def reply(self, status, text, ctype="text/plain; charset=utf-8"):
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def do_GET(self):
            u = urllib.parse.urlsplit(self.path)
            if u.path == "/healthz":
                return self.reply(200, "ok\n")
            if u.path != path:
                return self.reply(404, "not found\n")
            status, text = gw.get(urllib.parse.parse_qs(u.query))
            self.reply(status, text)

        do_HEAD = do_GET

        def do_POST(self):
            if urllib.parse.urlsplit(self.path).path != path:
                return self.reply(404, "not found\n")
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                self.close_connection = True
                return self.reply(411, "length required\n")
            if length < 0 or length > BODY_MAX:
                self.close_connection = True
                return self.reply(413, "too large\n")
            try:
                body = self.rfile.read(length)
            except OSError:
                self.close_connection = True
                return
            if not gw.authentic(self.headers, body):
                log("a POST from %s without the gateway's signature "
                    "refused", self.client_address[0])
                return self.reply(403, "forbidden\n")
            try:
                doc = parse_body(self.headers, body)
            except (UnicodeDecodeError, ValueError):
                return self.reply(400, "expected a JSON object\n")
            try:
                found = gw.messages(doc)
            except (AttributeError, KeyError, TypeError, ValueError):
                found = []
            found = [m for m in found if isinstance(m.sender, str) and
                     SENDER.fullmatch(m.sender) and
                     isinstance(m.text, str) and m.text.strip()]
            for m in found:
                m.text = m.text[:QUESTION_MAX]
            service.take(found)
            # Answered before faqbot is asked: the gateway waits for
            # nobody, and tries again only what never reached us.
            self.reply(200, '{"ok":true}\n', "application/json")

        def do_PUT(self):
            self.reply(405, "use POST\n")

        do_DELETE = do_PATCH = do_PUT

    return Handler


def listen_address(text):
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or int(port) > 65535:
        raise SettingsError("listen: expected [ADDRESS:]PORT, not '%s'" %
                            text)
    return host, int(port)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, addr, handler):
        if ":" in addr[0]:
            self.address_family = socket.AF_INET6
        super().__init__(addr, handler)


def run(gateway_class):
    """The adapter's main: settings, then serve until SIGTERM or SIGINT.
    Exits 2 when the settings are wrong or the address is taken."""
    log = Log(gateway_class.name)
    names = common_settings(gateway_class)
    names.update(gateway_class.SETTINGS)
    try:
        settings = load_settings(names, log)
        settings["faqbot"] = check_url("faqbot", settings["faqbot"])
        settings["api"] = check_url("api", settings["api"])
        if not settings["path"].startswith("/"):
            raise SettingsError("path: expected /SOMETHING, not '%s'" %
                                settings["path"])
        try:
            if not 0 < float(settings["timeout"]) <= 120:
                raise ValueError
        except ValueError:
            raise SettingsError("timeout: expected seconds, from 1 to 120")
        if settings["path"] != "/webhook" and len(settings["path"]) >= 6:
            # A path of the office's own making is a secret of sorts.
            log.secrets.append(settings["path"])
        addr = listen_address(settings["listen"])
        gateway = gateway_class(settings, log)
    except SettingsError as e:
        log("%s", e)
        sys.exit(2)
    service = Service(gateway, log)
    try:
        server = Server(addr, make_handler(service))
    except OSError as e:
        log("cannot listen on %s: %s", settings["listen"], e.strerror)
        sys.exit(2)
    host, port = server.server_address[:2]
    log("listening on http://%s:%d/, answering from %s",
        "[%s]" % host if ":" in host else host, port, settings["faqbot"])

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever(poll_interval=0.5)
    server.server_close()
    # What is being answered is finished, within the timeouts.
    service.stop(2 * gateway.timeout() + 1)
    log("stopped")
