"""pam-client.py: drives arc-web --pam for the pam case, run as the
service account (setpriv) in the groups given: log-ins refused (at once,
on threads of their own) and accepted, other clients answered while a
refused log-in waits and while PAM is slow, and no one let in without the
group shadow.  Arguments: the PAM service, a slow one, the service
account, the archive's group, the clerk, an account outside the group, an
expired, a locked one, one whose password must be changed, their
password."""
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from client import Client, REFUSED, show, start

(service, slow, account, group, clerk, outsider, expired, locked, change,
 password) = sys.argv[1:11]
names = {clerk: "CLERK", outsider: "OUTSIDER", expired: "EXPIRED",
         locked: "LOCKED", change: "CHANGE"}


def run(groups, pam):
    """arc-web --pam=pam as the service account, in groups."""
    return start(["setpriv", "--reuid", account, "--regid", account,
                  "--groups", groups, "bin/arc-web", "--db", "arsip/arsip.db",
                  "--pam=" + pam, "--listen", "127.0.0.1:0"])


def stop(web):
    """Stops it; its log, names made constant, in order (the log-ins
    were at once)."""
    web.terminate()
    print("exit", web.wait(timeout=10))
    log = web.stderr.read()
    for name, shown in names.items():
        log = log.replace(name, shown)
    for line in sorted(log.splitlines()):
        print(line)


def log_in(port, cookie, token, name, secret):
    """A log-in in the form's session, on a connection of its own; the
    response and how long it took."""
    c = Client(port)
    c.cookie = cookie
    began = time.monotonic()
    r = c.call("POST", "/login", {"csrf": token, "name": name,
                                  "password": secret})
    return r, time.monotonic() - began


def meanwhile(port, name, secret):
    """A log-in on a thread, and while it is under way (0.3 s in, of
    the second a refusal waits or the 2 s PAM sleeps) a log-in form
    fetched by another client: whether that one was answered first, and
    the log-in's response."""
    c = Client(port)
    token = c.login_token()
    done = {}

    def first():
        done["login"] = log_in(port, c.cookie, token, name, secret)[0]
        done["login at"] = time.monotonic()
    t = threading.Thread(target=first)
    t.start()
    time.sleep(0.3)
    Client(port).call("GET", "/login")
    other = time.monotonic()
    t.join()
    return other < done["login at"], done["login"]


# As the unit runs it with arc-web-pam.conf: in the group and in shadow.
web, port = run(group + ",shadow", service)
c = Client(port)
token = c.login_token()
refusals = [("wrong password", clerk, "salah"),
            ("outside the group", outsider, password),
            ("expired account", expired, password),
            ("locked account", locked, password),
            ("password to be changed", change, password),
            ("empty password", clerk, ""),
            ("unknown name", "tiada-akun", password)]
with ThreadPoolExecutor(len(refusals)) as pool:
    results = list(pool.map(lambda a: log_in(port, c.cookie, token, *a[1:]),
                            refusals))
for (label, _, _), (r, _) in zip(refusals, results):
    show("login " + label, r, REFUSED)
print("  each answered a second late or more:",
      all(took >= 1.0 for _, took in results))
first, r = meanwhile(port, clerk, "salah lagi")
show("login wrong password again", r)
print("  another client answered while it waited:", first)
show("login", c.call("POST", "/login", {
    "csrf": token, "name": clerk, "password": password}))
r = c.call("GET", "/")
show("search", r)
print("  the page names the clerk:", ('<span class="user">%s' % clerk)
      .encode() in r[1])
stop(web)

# PAM's own stack slow (pam_exec sleeping 2 s): the others go on.
web, port = run(group + ",shadow", slow)
first, r = meanwhile(port, clerk, password)
show("login through a slow PAM", r)
print("  another client answered while PAM worked:", first)
stop(web)

# Without the group shadow pam_unix checks no other account's password.
web, port = run(group, service)
c = Client(port)
show("login without the group shadow", c.call("POST", "/login", {
    "csrf": c.login_token(), "name": clerk, "password": password}), REFUSED)
stop(web)
