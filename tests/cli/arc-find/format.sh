# --format: the table for people (piped too), JSON lines as always, the
# paths of the files to open; the line saying how many more there are;
# --open N with and without a display; the table in 80 columns.
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
export ARC_DB=arsip.db
unset COLUMNS DISPLAY WAYLAND_DISPLAY
# The copies' names are their sha256: shown short.
short() { sed -E 's/[0-9a-f]{64}/SHA/g'; }
echo "== --format table -n 2"
arc-find --format table -n 2 | short
echo "exit $?"
echo "== --format table, all shown: no 'more' line"
arc-find --format table nomor:100/47 | short
echo "== --format table, nothing"
arc-find --format table bitcoin
echo "exit $?"
echo "== --format json is what arc-find writes to a pipe"
arc-find pelayanan >piped.json
arc-find --format json pelayanan >format.json
cmp piped.json format.json && echo same
arc-find --json pelayanan | cmp - piped.json && echo "--json: same"
jq -r 'keys | join(" ")' piped.json
echo "== --format paths"
arc-find --format paths pelayanan | short
arc-find --format paths pelayanan | while read -r f; do
	test -f "$f" && echo "a file"
done
# A searchable PDF is the file to open when the archive has one.
sha=$(jq -r 'select(.path == "surat/sk.txt") | .sha256' piped.json)
mkdir pdf && echo '%PDF-1.4' >"pdf/$sha.pdf"
sqlite3 arsip.db "UPDATE doc SET pdf = 'pdf/$sha.pdf' WHERE sha256 = '$sha'"
arc-find --format paths pelayanan | short
arc-find --format table pelayanan | grep open: | short
arc-find --format json pelayanan | cmp - piped.json && echo "json: same"
# Once gone from its folder, the copy again.
rm "pdf/$sha.pdf"
arc-find --format paths pelayanan | short
echo "== --open without a display prints the path"
arc-find --open 2 pelayanan | short
echo "exit $?"
echo "== --open with a display runs xdg-open"
mkdir bin
printf '#!/bin/sh\necho "xdg-open $*"\n' >bin/xdg-open
chmod +x bin/xdg-open
PATH="$PWD/bin:$PATH" DISPLAY=:0 arc-find --open 1 pelayanan | short
echo "exit $?"
PATH="$PWD/bin:$PATH" WAYLAND_DISPLAY=wayland-0 arc-find --open 1 \
    pelayanan | short
echo "== --open beyond the results"
arc-find --open 3 pelayanan
echo "exit $?"
arc-find --open 1 bitcoin
echo "exit $?"
arc-find --open 0 pelayanan
echo "exit $?"
echo "== --format bad"
arc-find --format csv pelayanan
echo "exit $?"
echo "== 80 columns: a long snippet, no word broken"
{
	echo "Perihal : Laporan pengarsipan panjang"
	i=0
	while [ $i -lt 12 ]; do
		echo "pengarsipan dokumentasi administrasi kependudukan" \
		    "kesejahteraan pemberdayaan masyarakat"
		i=$((i + 1))
	done
} >surat/panjang.txt
arc-scan surat/panjang.txt | arc-ocr | arc-tag | arc-index -q --db arsip.db
arc-find --format table pengarsipan | short >table.txt
cat table.txt
# awk counts bytes: each mark, two of them, counted as one.
grep -v '^    open: ' table.txt | sed 's/[«»]/m/g' | awk 'length($0) > 80 { print "too long: " $0 }'
COLUMNS=50 arc-find --format table pengarsipan | short >narrow.txt
cat narrow.txt
grep -v '^    open: ' narrow.txt | sed 's/[«»]/m/g' | awk 'length($0) > 50 { print "too long: " $0 }'
# Every word of the snippet whole: the lines joined are the JSON's.
arc-find --format json pengarsipan | jq -r .snippet >snippet.json
sed -n '/^    original:/,/^$/p' narrow.txt | sed '1d;$d' |
    sed 's/^    //' | tr '\n' ' ' | sed 's/ $//' >snippet.table
echo >>snippet.table
cmp snippet.json snippet.table && echo "snippet: whole words"
