"""wablas.py: faqbot behind Wablas (wablas.com), an Indonesian WhatsApp
gateway that links the office's own number as a device on one of its
regional servers (jogja.wablas.com, solo.wablas.com, ...).

Wablas posts each message the device receives to the device's webhook URL
(Device > Settings, with "Get Incoming Message" on); this adapter asks
faqbot (POST /api/webhook) about each text message from a person and
sends the reply through POST {api}/api/send-message with the device's
token.  Group messages, the device's own messages (isFromMe), media,
locations and status callbacks get no reply.

Checked against Wablas's page (wablas.com/documentation/api): the send
call POST https://SERVER.wablas.com/api/send-message with
"Authorization: TOKEN" and the form fields phone and message (isGroup for
groups, which this adapter never sends to); that the server differs from
account to account (so api has no default); that newer accounts have a
secret key beside the token.  Not checked in Wablas's own pages, only in
others' code that works with Wablas: the webhook's fields (id, phone,
message, pushName, isGroup, isFromMe, messageType, file, url), and that
the secret key is sent as "Authorization: TOKEN.SECRET" (what this
adapter does when secret_key is set).  As for Fonnte, give the webhook a
path of your own making (the path setting): no signature was found.

Settings (file or environment, never the command line: see README):
api (https://SERVER.wablas.com), token and secret_key (secrets), device
(the office's number, optional), and the common ones."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import arc_webhook  # noqa: E402  (found beside this file, as installed)
from arc_webhook import truthy  # noqa: E402

FORM = "application/x-www-form-urlencoded"


class Wablas(arc_webhook.Gateway):
    name = "wablas"
    LISTEN = "127.0.0.1:8087"
    API = None
    SETTINGS = {
        "token": (None, True),
        "secret_key": ("", True),
        "device": ("", False),
    }

    def messages(self, doc):
        m = self.flat_message(doc, "phone", doc.get("id"))
        if m is None or truthy(doc.get("isFromMe")) or \
                truthy(doc.get("isGroup")):
            return []
        if doc.get("messageType") not in (
                None, "", "text", "conversation", "extendedTextMessage") or \
                doc.get("file") or doc.get("url"):
            return []
        return [m]

    def send(self, message, text):
        s = self.settings
        auth = s["token"] + ("." + s["secret_key"] if s["secret_key"]
                             else "")
        return arc_webhook.outcome(*arc_webhook.post(
            arc_webhook.OUTSIDE, s["api"] + "/api/send-message",
            {"phone": message.sender, "message": text},
            {"Authorization": auth, "Content-Type": FORM}, self.timeout()),
            why_key="message")

if __name__ == "__main__":
    arc_webhook.run(Wablas)
