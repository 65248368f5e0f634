# With no file and a terminal on stdin there is nothing to do: a usage error.
script -qec "arc-scan; echo exit=\$?" /dev/null | tr -d "\r"
