# The archive without --db is the one arc-index --print-db names: ARC_DB,
# else under XDG_DATA_HOME, else under HOME; --db '' sets ARC_DB aside.
mkdir scans
unset ARC_DB XDG_DATA_HOME
HOME=$PWD/home arc-batch scans 2>&1 | sed "s|$PWD|WORK|"
HOME=$PWD/home XDG_DATA_HOME=$PWD/data arc-batch scans 2>&1 |
    sed "s|$PWD|WORK|"
HOME=$PWD/home XDG_DATA_HOME=data arc-batch scans 2>&1 | sed "s|$PWD|WORK|"
ARC_DB=$PWD/arsip/arsip.db HOME=$PWD/home arc-batch scans 2>&1 |
    sed "s|$PWD|WORK|"
ARC_DB=$PWD/arsip/arsip.db HOME=$PWD/home arc-batch --db '' scans 2>&1 |
    sed "s|$PWD|WORK|"
find . -name '*.lock' | sort
