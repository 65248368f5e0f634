arc-scan </dev/null
