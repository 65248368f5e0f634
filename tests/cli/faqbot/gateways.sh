# The WhatsApp gateways' adapters (share/webhook, faqbot(1) "WhatsApp
# gateways") in front of a real faqbot --listen on the shipped answers:
# Meta's Cloud API (handshake, signatures, status callbacks), Fonnte and
# Wablas, each sending its replies to a fake gateway API; what is ignored,
# NIKs and secrets kept out of the logs, faqbot down, the settings
# (gateways.py).
command -v python3 >/dev/null || { echo "no python3" >&2; exit 77; }
python3 "$ARC_TESTS/cli/faqbot/gateways.py" "$ARC_TESTS/../share" 2>&1
