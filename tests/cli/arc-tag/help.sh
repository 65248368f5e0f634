# --help prints the usage on stdout and exits 0; --version too.
arc-tag --help
arc-tag --version | sed 's/[0-9][0-9.]*$/VERSION/'
