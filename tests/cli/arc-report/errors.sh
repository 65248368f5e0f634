# Usage errors and a missing archive: exit 2 with one line each.
arc-report --db nothing.db
echo "exit $?"
arc-report --db nothing.db bogus
echo "exit $?"
arc-report --since yesterday
echo "exit $?"
arc-report --format xml
echo "exit $?"
