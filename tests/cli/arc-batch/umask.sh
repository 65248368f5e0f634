# The archive's folder is 0750 and its files 0640 whatever the umask the
# run is started with (000 would let any local user replace the
# database); a folder made before with a mode that lets others in is left
# as it is, but said every run.
mkdir -p scans
echo 'SURAT KETERANGAN 1' >scans/surat.txt
touch -d '2 hours ago' scans/*
for mask in 000 022; do
	(umask $mask && arc-batch --db arsip-$mask/a.db scans 2>/dev/null)
	echo "umask $mask: exit $?"
	stat -c '%a %n' arsip-$mask arsip-$mask/a.db arsip-$mask/a.db.lock \
	    arsip-$mask/a.files
done
mkdir -m 777 open
arc-batch --db open/a.db scans 2>&1 | sed 's/in [0-9]* s$/in N s/'
chmod 755 open
arc-batch --db open/a.db scans 2>&1
stat -c '%a %n' open
# A folder its group shares (the office's clerks, setgid) is no warning.
chmod 2770 open
arc-batch --db open/a.db scans 2>&1
