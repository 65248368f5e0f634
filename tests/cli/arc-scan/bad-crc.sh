# A stored member whose bytes are not as they were packed (a zip's bad
# CRC) gets an error record of its own, not the record of an empty
# document (as before), and the good members go on; a deflated one whose
# stream breaks is a broken archive, said as such.
. "$ARC_TESTS/cli/arc-scan/records.inc"
printf 'Surat edaran tentang jam kerja pegawai negeri sipil.\n' >edaran.txt
printf 'Nota dinas tentang rapat koordinasi bulanan kecamatan.\n' >nota.txt
touch -d '2026-01-02 03:04:05' edaran.txt nota.txt
python3 - <<'PY'
import zipfile
for name, method in (("stored.zip", zipfile.ZIP_STORED),
                     ("deflated.zip", zipfile.ZIP_DEFLATED)):
    with zipfile.ZipFile(name, "w", method) as z:
        z.write("edaran.txt")
        z.write("nota.txt")
    data = bytearray(open(name, "rb").read())
    # One bit of edaran.txt's data, after its local header (30 bytes and
    # its name), turned over.
    at = 30 + len("edaran.txt") + 5
    data[at] ^= 0x01
    open(name, "wb").write(data)
PY
touch -d '2026-01-02 03:04:06' stored.zip deflated.zip
scan stored.zip
echo "exit $?"
scan deflated.zip
echo "exit $?"
