# A regex that backtracks without end is cut off: a warning names the rule
# file, line and document, the record says the tag is undecided, the other
# rules still work, and the run exits 1.  It takes milliseconds, not hours.
cat > slow.rules <<'RULES'
angka regex (\w+\s?)+\d
kata any kata
RULES
python3 -c 'print("{\"path\": \"panjang.txt\", \"text\": \"" + "kata " * 20000 + "\"}")' |
	arc-tag -r slow.rules >out.jsonl
status=$?
jq -c '{tags, tags_undecided}' out.jsonl
exit $status
