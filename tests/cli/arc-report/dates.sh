# --since and --until as clerks type dates: 3-12-2026, 3/12/2026,
# 3.12.2026, 3 Desember 2026, Des 2026, December 2026; --since a month
# from its first day, --until a month to its last.  A date that cannot be
# read: one line saying why, exit 2.
chat() { printf '{"q": "%s", "status": "%s", "time": "%s", "session": "%s"}\n' "$@"; }
{
	chat 'ktp hilang' answered 2026-11-30T09:00:00+07:00 s1
	chat 'akta lahir' answered 2026-12-01T09:00:00+07:00 s2
	chat 'izin usaha' declined 2026-12-03T10:00:00+07:00 s3
	chat 'kartu keluarga' answered 2026-12-31T10:00:00+07:00 s4
	chat 'pindah domisili' suggested 2027-01-01T08:00:00+07:00 s5
} | arc-index --db a.db -q
r() {
	echo "== $*"
	arc-report --db a.db --format csv "$@" chat >out
	status=$?
	tail -n +2 out | cut -d, -f1-2
	echo "exit $status"
}
r
r --since 'Des 2026' --until 'Des 2026'
r --since 'December 2026' --until 'dec 2026'
r --since 1/12/2026 --until 03.12.2026
r --since '3 Desember 2026'
r --since 03-12-2026 --until 3-Des-2026
r --until 'Nopember 2026'
r --until 'nov 2026'
r --since '1 Januari 2027'
r --since 2026 --until 2026
r --since 2026-12 --until 2026-12-30
echo "-- usage errors"
r --since 31-02-2026
r --until 31/04/2026
r --since 2026-00
r --until 3.12.26
r --since 'Des 26'
r --until 'Dessember 2026'
r --since 'Des'
r --since 'minggu lalu'
