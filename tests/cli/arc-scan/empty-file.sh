# An empty file or member (a scanner's failed save) is no document: an
# error record without sha256, so that arc-index counts each by its path
# (empty files would otherwise all be one failed document, the sha256 of
# nothing), and the scan goes on.
. "$ARC_TESTS/cli/arc-scan/records.inc"
mkdir scans
: >scans/scan-0001.pdf
: >scans/scan-0002.pdf
printf 'Surat edaran tentang jam kerja.\n' >scans/edaran.txt
: >kosong.txt
python3 -c '
import zipfile
with zipfile.ZipFile("scans/kiriman.zip", "w") as z:
    z.writestr(zipfile.ZipInfo("kosong.jpg", (2026, 1, 2, 3, 4, 6)), b"")
    z.writestr(zipfile.ZipInfo("nota.txt", (2026, 1, 2, 3, 4, 6)),
               b"Nota dinas tentang rapat.\n")
'
touch -d '2026-01-02 03:04:05' scans/* kosong.txt
scan -r scans
echo "exit $?"
arc-scan -r scans 2>/dev/null | arc-index --db arsip.db 2>&1
sqlite3 arsip.db "SELECT path, member, attempts FROM unread ORDER BY path, member"
sqlite3 arsip.db "SELECT count(*) FROM doc WHERE state = 'failed'"
