# "Did you mean" in Indonesian (LC_ALL=id_ID.UTF-8), after the table's
# "nothing found" and after JSON alike; the query itself as typed.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
export LC_ALL=id_ID.UTF-8 ARC_DB=arsip.db
arc-find --format table Kependudkan 2>&1
echo "exit $?"
arc-find --json pelayann tanggal:2026-11 2>&1
echo "exit $?"
