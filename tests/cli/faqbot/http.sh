# faqbot --listen: the chat page and its assets, the JSON API and the
# webhook, status lookups, the log with NIKs masked, hostile requests
# (markup, wrong types, sizes, methods and paths, a header too large, a
# slow client), reloading on SIGHUP, the rate limit (http-client.py).
. "$ARC_TESTS/cli/faqbot/kb.inc"
cat >>kb.faq <<'END'

id: _greeting
a: Selamat datang di layanan informasi Kantor Contoh.
en: Welcome to the information service of the Example Office.

id: _office
a: Kantor Contoh
END
python3 "$ARC_TESTS/cli/faqbot/http-client.py" 2>&1
