# arc-web: an address may try 10 log-ins a minute.  Of twelve at once from
# one address (X-Forwarded-For, believed from a proxy on this machine with
# --trust-proxy), ten are refused as wrong (403) and two as too many (429,
# said in the log); another address may still try.  No account is needed:
# the names are in no users file (rate-client.py).
arc-index --db arsip.db </dev/null 2>/dev/null
: >users
python3 "$ARC_TESTS/cli/arc-web/rate-client.py" 2>&1
