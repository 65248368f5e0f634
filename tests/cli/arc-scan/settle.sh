# A file written a moment ago may still be growing: it waits for the next run.
# (The NIK in its name is masked in the message.)
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
echo baru > scans/ktp-3201234567890001.txt
scan -r --settle 60 scans
# A file dated in the future has a wrong clock, not a scanner writing it.
echo "Jam kerja." >scans/jam-salah.txt
touch -d '2099-01-01 00:00:00' scans/jam-salah.txt
scan --settle 60 scans/jam-salah.txt
