# The shipped rules lint clean, and are what arc-tag uses without -r.
arc-tag --lint 2>&1 | sed 's/^arc-tag: [0-9]* rules/arc-tag: N rules/'
echo '{"path": "u.txt", "text": "UNDANGAN rapat"}' | arc-tag | jq -c .tags
