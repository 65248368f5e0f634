# The nightly job's own lines in Indonesian (po/id.po): the summary with
# its plural (1 dokumen, 2 dokumen), nothing new, a mistyped folder and
# the usage errors.  Only arc-batch's lines: the programs it runs have
# cases of their own.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
export LC_ALL=id_ID.UTF-8
mkdir -m 750 arsip scans
echo 'Surat undangan rapat' >scans/a.txt
touch -d '2 hours ago' scans/a.txt
batch() {
	arc-batch "$@" 2>&1 | grep '^arc-batch:' | sed 's/[0-9]* detik$/N detik/'
}
batch --db arsip/arsip.db scans
printf 'Surat keterangan\n' >scans/b.txt
printf 'Surat tugas\n' >scans/c.txt
touch -d '2 hours ago' scans/b.txt scans/c.txt
batch --db arsip/arsip.db scans
batch --db arsip/arsip.db scans
batch --db arsip/arsip.db scnas
batch --db arsip scans
echo "usage:"
arc-batch --help | head -n 4
arc-batch
arc-batch --settle segera scans
arc-batch --db
arc-batch --bogus scans
echo "exit $?"
