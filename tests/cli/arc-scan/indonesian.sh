# Under an Indonesian locale what arc-scan says on stderr (notices, errors of
# unreadable documents, --help) reads in Indonesian, while the records keep
# their English "error" for the archive.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
export LC_ALL=id_ID.UTF-8
mkdir -p scans/sub
printf 'Surat keterangan domisili\n' > scans/domisili.txt
ln -s /etc/hostname scans/luar.txt
python3 - <<'END'
import zipfile
with zipfile.ZipFile("scans/berkas.zip", "w") as z:
    z.writestr("surat.txt", "Surat undangan\n")
    z.writestr("../keluar.txt", "x\n")
with zipfile.ZipFile("scans/kosong.zip", "w"):
    pass
END
arc-scan scans >out.jsonl
echo "exit $?"
sed 's/"mtime":"[^"]*"/"mtime":"T"/; s/"dev":[0-9]*,"ino":[0-9]*/"dev":D,"ino":I/; s/,"member_index".*"member_offset":[0-9]*//' out.jsonl
arc-scan --settle x scans
echo "exit $?"
arc-scan --db a.db scans
echo "exit $?"
arc-scan --help | head -4
