"""cloudapi.py: faqbot behind the WhatsApp Business Cloud API (Meta).

Meta posts each message the office's number receives to the callback URL
set in the App Dashboard (WhatsApp > Configuration); this adapter answers
Meta's GET handshake with the verify token, refuses every POST whose
X-Hub-Signature-256 is not the HMAC-SHA256 of its body under the app
secret (403), asks faqbot (POST /api/webhook) about each text message and
sends the reply through POST {api}/{phone-number-id}/messages with the
access token.  Status callbacks (statuses: sent, delivered, read),
pictures, voice notes, locations, reactions and the office's own
messages (which Meta reports as statuses, or under another field) get
no reply.

Checked against Meta's pages (developers.facebook.com, WhatsApp Business
Platform: "Create a webhook endpoint", "messages webhook reference",
"Status messages webhook reference"), and others' code for the same API:
the handshake's hub.mode, hub.verify_token and hub.challenge; the header
"sha256=HEX"; entry[].changes[].value with metadata.phone_number_id,
messages[] (from, id, type, text.body) and statuses[]; the send body
{"messaging_product": "whatsapp", "recipient_type": "individual", "to",
"type": "text", "text": {"body", "preview_url"}}, with "Authorization:
Bearer TOKEN".  Not checked: which Graph API version is current when you
read this (Meta retires each about two years after it comes out): set api
to the version your app uses.

Settings (file or environment, never the command line: see README):
verify_token, app_secret, access_token (secrets), phone_number_id
(optional: answer only messages to this number), and the common ones."""
import hashlib
import hmac
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import arc_webhook  # noqa: E402  (found beside this file, as installed)

NUMBER_ID = re.compile(r"[0-9]{1,32}")


class CloudAPI(arc_webhook.Gateway):
    name = "cloudapi"
    LISTEN = "127.0.0.1:8085"
    API = "https://graph.facebook.com/v24.0"
    SETTINGS = {
        "verify_token": (None, True),
        "app_secret": (None, True),
        "access_token": (None, True),
        "phone_number_id": ("", False),
    }

    def get(self, query):
        """Meta's handshake: the challenge back when the token is ours."""
        mode = query.get("hub.mode", [""])[-1]
        token = query.get("hub.verify_token", [""])[-1]
        challenge = query.get("hub.challenge", [""])[-1]
        if mode == "subscribe" and hmac.compare_digest(
                token.encode(), self.settings["verify_token"].encode()):
            # Meta's challenges are numbers; anything else is not echoed.
            if re.fullmatch(r"[0-9A-Za-z_-]{1,128}", challenge):
                return 200, challenge
            return 400, "bad challenge\n"
        self.log("a webhook handshake with the wrong verify token refused")
        return 403, "forbidden\n"

    def authentic(self, headers, body):
        got = headers.get("X-Hub-Signature-256") or ""
        want = "sha256=" + hmac.new(self.settings["app_secret"].encode(),
                                    body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(got.strip().lower().encode(),
                                   want.encode())

    def messages(self, doc):
        found = []
        if doc.get("object") != "whatsapp_business_account":
            return found
        only = self.settings["phone_number_id"]
        for entry in doc.get("entry") or []:
            for change in entry.get("changes") or []:
                # Other fields (message_echoes, templates, account
                # updates) are not citizens asking.
                if change.get("field") != "messages":
                    continue
                value = change.get("value") or {}
                number = (value.get("metadata") or {}).get(
                    "phone_number_id")
                if not isinstance(number, str) or \
                        not NUMBER_ID.fullmatch(number) or \
                        (only and number != only):
                    continue
                # value["statuses"]: what became of our replies; no answer.
                for m in value.get("messages") or []:
                    if m.get("type") != "text":
                        continue
                    found.append(arc_webhook.Message(
                        m.get("from"), (m.get("text") or {}).get("body"),
                        m.get("id"), {"number": number}))
        return found

    def send(self, message, text):
        s = self.settings
        status, doc, reason = arc_webhook.post(
            arc_webhook.OUTSIDE, "%s/%s/messages" % (
                s["api"], message.extra["number"]),
            {"messaging_product": "whatsapp",
             "recipient_type": "individual", "to": message.sender,
             "type": "text",
             "text": {"preview_url": False, "body": text}},
            {"Authorization": "Bearer " + s["access_token"]},
            self.timeout())
        if status == 200 and isinstance(doc, dict) and doc.get("messages"):
            return True, None
        err = doc.get("error") if isinstance(doc, dict) else None
        if isinstance(err, dict):
            # Meta's own words, such as "(#131047) Re-engagement message"
            # once the citizen's 24-hour window has closed.
            reason = "%s (code %s)" % (err.get("message"), err.get("code"))
        return False, "%d %s" % (status, reason) if status else reason


if __name__ == "__main__":
    arc_webhook.run(CloudAPI)
