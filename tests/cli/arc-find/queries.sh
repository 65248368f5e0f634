# What a clerk types: words (all), phrases, -words, filters, dates; the
# best partial matches when nothing has every word; exit 1 when nothing.
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
export ARC_DB=arsip.db
q() {
	echo "== $*"
	arc-find "$@" >out
	status=$?
	jq -r '[.path, (.partial // false), .snippet] | @tsv' out
	echo "exit $status"
}
q pelayanan
q rapat koordinasi
q '"tim pelayanan"'
q '"pelayanan tim"'
q pelayanan -rapat
q tag:undangan
q tag:UNDANGAN rapat
q tag:bukan-label
q nomor:100/47
q tanggal:2026-11
q --since 2026-11-01 --until 2026-11
q pelayanan '"tim pelayanan"' -rapat --since 2026-11 --until 2026-11-30
q records preserve
q helicopter KTP-el
q 'C++ NEAR( 12/KPTS/2023 "unclosed'
q -n 2
q bitcoin
