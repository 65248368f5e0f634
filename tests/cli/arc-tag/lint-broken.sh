# A broken rule file is refused whole, every error with file:line; exit 2
# and nothing tagged, even when records wait.
cat > bad.rules <<'RULES'
# comment
ok any fine
tanpa-pola any
x maybe something
y any "unterminated phrase
z regex (unclosed
Bad!Tag any word
f fuzzy this pattern is much too long for fuzzy matching, it has more than sixty-four bytes
field:Nama any kata
RULES
printf 'ok any "\377"\n' > utf8.rules
echo '{"text": "fine"}' | arc-tag -r bad.rules -r utf8.rules -r missing.rules
echo "status $?"
arc-tag --lint -r bad.rules 2>&1 | tail -1
