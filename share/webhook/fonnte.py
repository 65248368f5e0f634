"""fonnte.py: faqbot behind Fonnte (fonnte.com), an Indonesian WhatsApp
gateway that links the office's own number as a device.

Fonnte posts each message the device receives to the device's webhook URL
(Device > edit > Webhook); this adapter asks faqbot (POST /api/webhook)
about each text message from a person and sends the reply through POST
{api}/send with the device's token.  Status callbacks (they go to the
separate "webhook status" URL; sent here, they hold no sender and no
message), attachments, locations, polls, group messages and the device's
own messages get no reply.

Checked against Fonnte's pages (docs.fonnte.com: "Webhook Reply Message",
"Webhook reply message with nodejs", "Webhook Get Attachment", "API
Update Device", the status webhook): the webhook's JSON fields device,
sender, message, text (a button's), member (who wrote in a group), name,
location, pollname, choices, inboxid, url, filename, extension; the send
call POST https://api.fonnte.com/send with "Authorization: TOKEN" (no
"Bearer") and the fields target and message.  Not checked: whether Fonnte
ever posts the device's own messages here (they are left out when the
sender is the device), how group senders are spelled (left out when
member is set or the sender ends in @g.us), and the webhook secret key
Fonnte added in 2025 (how it is sent is not in the pages found): give the
webhook a path of your own making instead (the path setting).

Settings (file or environment, never the command line: see README):
token (secret), device (the office's number, optional), and the common
ones."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import arc_webhook  # noqa: E402  (found beside this file, as installed)
from arc_webhook import truthy  # noqa: E402


class Fonnte(arc_webhook.Gateway):
    name = "fonnte"
    LISTEN = "127.0.0.1:8086"
    API = "https://api.fonnte.com"
    SETTINGS = {
        "token": (None, True),
        "device": ("", False),
    }

    def messages(self, doc):
        m = self.flat_message(doc, "sender", doc.get("inboxid") or
                              doc.get("id"), doc.get("device"))
        if m is None or doc.get("member") or "@g.us" in m.sender or \
                truthy(doc.get("isgroup")):
            return []
        if any(doc.get(k) for k in ("url", "filename", "extension",
                                    "location", "pollname")):
            return []
        return [m]

    def send(self, message, text):
        # Fonnte answers 200 with "status": false when it will not send.
        return arc_webhook.outcome(*arc_webhook.post(
            arc_webhook.OUTSIDE, self.settings["api"] + "/send",
            {"target": message.sender, "message": text},
            {"Authorization": self.settings["token"]}, self.timeout()),
            why_key="reason")

if __name__ == "__main__":
    arc_webhook.run(Fonnte)
