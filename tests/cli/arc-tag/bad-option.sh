# An unknown option or a bad --jobs is a usage error: exit 2, nothing read.
arc-tag --frobnicate </dev/null
echo "status $?"
arc-tag -j 0 </dev/null
