# A file named to drive the terminal (set its title, clear the screen,
# CSI as C1 U+009B) reaches no terminal through arc-find's and
# arc-report's tables: control characters show as '?'.  JSON
# and CSV keep the name exact.
bad=$(printf '\033]0;pwned\007\033[2J\302\2332J')
mkdir -p "scans/umum$bad"
name=rapat$bad.txt
printf 'Undangan rapat koordinasi \033[2J desa\n' >"scans/umum$bad/$name"
# One that fails: arc-report failures shows its path.
{ printf '\377\330\377\340\000\020JFIF\000'; head -c 3000 /dev/zero; } \
    >"scans/umum$bad/rusak$bad.jpg"
touch -d '2 hours ago' "scans/umum$bad"/*
arc-batch --db a.db scans 2>/dev/null
echo "arc-batch exit $?"
esc() {  # how many bytes that drive a terminal: ESC, BEL, C1 (UTF-8)
	printf '%s: %s ESC, %s BEL, %s C1\n' "$1" \
	    "$(tr -cd '\033' <"$2" | wc -c)" "$(tr -cd '\007' <"$2" | wc -c)" \
	    "$(LC_ALL=C grep -c "$(printf '\302[\200-\237]')" "$2")"
}
# arc-find lays results out for a terminal only when its output is one.
NO_COLOR=1 script -qec "arc-find --db a.db rapat" /dev/null | tr -d '\r' \
    >find.tty
esc arc-find-terminal find.tty
cat find.tty
arc-report --db a.db --format table folders failures >report.table
echo "arc-report table exit $?"
esc arc-report-table report.table
# The table writes today as people do (6 December 2026), in a column as
# wide as the day's date.
sed -e "s/$(LC_ALL=C date '+%-d %B %Y')/TODAY/g" \
    -e 's/last_tried  */last_tried  /' report.table
script -qec "arc-report --db a.db folders" /dev/null | tr -d '\r' >report.tty
esc arc-report-terminal report.tty
arc-find --db a.db --json rapat | jq -r .path >find.json
esc arc-find-json find.json
test "$(cat find.json)" = "scans/umum$bad/$name" && echo "arc-find --json: exact"
arc-report --db a.db --format csv folders >report.csv
test "$(sed -n 2p report.csv)" = "scans/umum$bad,1" && echo "arc-report csv: exact"
arc-report --db a.db --format json folders | jq -r .folder >report.json
test "$(cat report.json)" = "scans/umum$bad" && echo "arc-report json: exact"
