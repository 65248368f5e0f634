# A failed write on stdout is an error: exit 2.
echo 'undangan any undangan' > r.rules
echo '{"text": "undangan"}' | arc-tag -r r.rules >/dev/full
