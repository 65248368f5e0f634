# A mistyped scanner folder, or --db naming a folder, stops the run at once
# (exit 2, one line) with nothing made: no archive, no lock beside it.
mkdir scans
mkdir -m 750 arsip
echo 'Surat undangan rapat' >scans/a.txt
arc-batch --db arsip/arsip.db scnas
echo "exit $?"
arc-batch --db arsip/arsip.db scans scnas
echo "exit $?"
arc-batch --db arsip scans
echo "exit $?"
# The programs themselves say the same.
arc-index --db arsip </dev/null
echo "exit $?"
arc-find --db arsip rapat
echo "exit $?"
find . -name '*.lock' -o -name '*.db' | sort
arc-batch --db arsip/arsip.db --settle 0 scans 2>&1 | sed 's/in [0-9]* s$/in N s/'
echo "exit $?"
