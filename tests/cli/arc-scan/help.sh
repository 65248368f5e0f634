arc-scan --help | head -n 1
arc-scan --version | sed "s/[0-9][0-9.]*$/VERSION/"
