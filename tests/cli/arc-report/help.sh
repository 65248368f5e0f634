arc-report --help
echo "exit $?"
