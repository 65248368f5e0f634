# A run stopped by an error (here the archive's folder of copies is a
# file): the summary says how many of the documents were kept and that
# the next run does the rest, not "N documents" as if done; the next run,
# the fault mended, archives them all.
mkdir -m 750 kantor
mkdir scans
echo "Surat edaran tentang jam kerja pegawai." >scans/edaran.txt
echo "Nota dinas rapat koordinasi." >scans/nota.txt
touch -d '2 hours ago' scans/*
: | arc-index --db kantor/arsip.db 2>/dev/null
rmdir kantor/arsip.files 2>/dev/null || rm -rf kantor/arsip.files
echo "not a folder" >kantor/arsip.files
batch() {
	arc-batch --settle 0 --db kantor/arsip.db scans 2>err
	echo "exit $?"
	sed -e "s|$PWD/||g" -e 's/[0-9]* s\([:;,]\)/N s\1/; s/in [0-9]* s$/in N s/' \
	    -e 's|arsip.files/[0-9a-f]*|arsip.files/XX|' err
}
batch
rm kantor/arsip.files
batch
arc-find --db kantor/arsip.db surat rapat | jq -r .path | sort
