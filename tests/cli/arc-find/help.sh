# --help, --version, and usage errors (exit 2).
arc-find --help
arc-find --version | sed 's/[0-9][0-9.]*$/VERSION/'
arc-find --since 11/28/2026 x
echo "status $?"
arc-find --db nowhere.db surat
