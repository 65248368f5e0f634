# --help, --version, and usage errors (exit 2).
arc-index --help
arc-index --version | sed 's/[0-9][0-9.]*$/VERSION/'
arc-index --check --optimize
echo "status $?"
arc-index --check --db nowhere.db
