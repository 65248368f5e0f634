# Dates as clerks type them, in --since and --until and after tanggal:
# day first with - / or ., month names in Indonesian or English, any case;
# a month means all its days.  A month's name alone is a word to search
# for.  A date that cannot be read: one line saying why, exit 2.
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
export ARC_DB=arsip.db
q() {
	echo "== $*"
	arc-find "$@" >out
	status=$?
	jq -r '[.path, .tanggal] | @tsv' out
	echo "exit $status"
}
echo "-- every letter's date"
q
q --since '1 Nov 2026' --until 'Nov 2026'
q --since 01/11/2026 --until 29.11.2026
q --since 02-11-2026 --until 2-11-2026
q --until 'Okt 2026'
q --until OKTOBER\ 2026
q --since 'desember 2026'
q --since 'Sept 2026' --until 'sep 2026'
q --since '18-Des-2026' --until '18 December 2026'
q --since 'Agt 2026' --until 'Nopember 2026'
q tanggal:30-11-2026
q tanggal:30/11/2026 pelayanan
q 'tanggal:"Nov 2026"'
q tanggal:Nov 2026
q 'tanggal:2 November 2026'
q tanggal:Desember 2026 records
q tanggal:24.10.2026
echo "-- Desember alone is a word of the letters"
q Desember
echo "-- no date: as typed, nothing has it"
q tanggal:31-02-2026
echo "-- usage errors"
for d in 31-02-2026 29/02/2026 2026-13 3/12/26 '3 Dessember 2026' kemarin \
    '12/31/2026'; do
	arc-find --since "$d" x
	echo "exit $?"
done
arc-find --until 'Des' x
echo "exit $?"
