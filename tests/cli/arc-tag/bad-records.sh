# A line that is not a record is reported with its line and skipped; the
# records around it come out; a record that failed before passes untouched;
# exit 1.
echo 'undangan any undangan' > r.rules
{
	echo '{"path": "a.txt", "text": "undangan"}'
	echo '{"path": "b.txt", "text": "und'
	printf '{"path": "c.txt", "text": "\377undangan"}\n'
	echo '["not", "an", "object"]'
	echo '{"path": "d.txt", "text": 42}'
	echo '{"path": "e.txt", "error": {"stage": "ocr", "message": "rusak"}}'
	echo '{"path": "f.txt", "text": "Undangan"}'
} | arc-tag -r r.rules >out.jsonl
status=$?
jq -c '{path, tags, error}' out.jsonl
exit $status
