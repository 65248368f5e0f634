# No records in, none out, exit 0.
arc-tag </dev/null
