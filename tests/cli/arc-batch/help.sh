# --help, and usage errors with exit 2.
arc-batch --help | head -n 3
echo "exit $?"
arc-batch
echo "exit $?"
arc-batch --settle soon scans
echo "exit $?"
arc-batch --bogus scans
echo "exit $?"
