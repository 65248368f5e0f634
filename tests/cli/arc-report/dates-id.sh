# A date that cannot be read, told in Indonesian to a clerk whose locale
# is id_ID.UTF-8 (the month named as Indonesians name it); the dates read
# the same in every language.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
export LC_ALL=id_ID.UTF-8
arc-report --db a.db --since 31-02-2026 chat
echo "exit $?"
arc-find --db a.db --until '3 Dessember 2026' surat
echo "exit $?"
arc-report --db a.db --since kemarin chat
echo "exit $?"
arc-report --db a.db --until 3/12/26 chat
echo "exit $?"
echo '{"q": "akta lahir", "status": "answered", "time": "2026-12-03T09:00:00+07:00", "session": "s1"}' |
    arc-index --db a.db -q
arc-report --db a.db --format csv --since '3 Desember 2026' --until 'Des 2026' chat
echo "exit $?"
