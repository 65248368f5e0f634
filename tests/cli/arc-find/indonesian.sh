# arc-find's table in Indonesian (LC_ALL=id_ID.UTF-8): the dates as
# "30 November 2026", the labels, the partial-match line, the line saying
# how many more, nothing found, --open's diagnostics; JSON and paths as in
# every language.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
export LC_ALL=id_ID.UTF-8 ARC_DB=arsip.db
unset COLUMNS DISPLAY WAYLAND_DISPLAY
short() { sed -E 's/[0-9a-f]{64}/SHA/g'; }
echo "== tabel, dua hasil dan sisanya"
arc-find --format table -n 2 | short
echo "exit $?"
echo "== sebagian kata"
arc-find --format table -n 1 undangan bitcoin | short
echo "== tidak ada"
arc-find --format table bitcoin
echo "exit $?"
echo "== --open"
arc-find --open 9 nomor:100/47
echo "exit $?"
arc-find --open 1 bitcoin
echo "exit $?"
echo "== JSON sama dengan bahasa Inggris"
arc-find pelayanan >id.json
LC_ALL=C.UTF-8 arc-find pelayanan | cmp - id.json && echo sama
arc-find --format bogus
echo "exit $?"
arc-find --db tidak-ada.db rapat
echo "exit $?"
