# Files arc-scan cannot read (no permission) or whose name is not valid
# UTF-8 fail like any document: offered three nights, then left with a
# notice and listed by arc-report failures with their attempts; once
# readable and renamed, archived on the next night and gone from the list.
# Run as a user that permissions hold back (root reads any file).
if [ "$(id -u)" != 0 ]; then
	echo "needs root, to run as nobody" >&2
	exit 77
fi
chmod 755 .
mkdir kantor scans
chown nobody kantor
chmod 700 kantor
echo "Surat biasa." >scans/ok.txt
echo "Surat terkunci." >scans/k.txt
chmod 000 scans/k.txt
bad=$(printf 'n-\377.txt')
printf 'Surat bernama salah.\n' >"scans/$bad"
touch -d '2 hours ago' scans/*
as_clerk() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
# A build tree nobody may enter (under /root) cannot be tested this way.
if ! as_clerk arc-batch --help >/dev/null 2>&1; then
	echo "nobody cannot run the programs from here" >&2
	exit 77
fi
report() {
	as_clerk arc-report --db kantor/a.db failures |
	    jq -c '{path, attempts, retry, error, sha256: (.sha256 != null)}'
}
for night in 1 2 3 4; do
	echo "night $night:"
	as_clerk arc-batch --settle 0 --db kantor/a.db scans 2>err
	echo "exit $?"
	sed -e 's/in [0-9]* s$/in N s/' err
done
report
echo "made readable and renamed:"
chmod 644 scans/k.txt
mv "scans/$bad" scans/n-baik.txt
as_clerk arc-batch --settle 0 --db kantor/a.db scans 2>err
echo "exit $?"
sed -e 's/in [0-9]* s$/in N s/' err
report
as_clerk arc-find --db kantor/a.db surat | jq -r .path | sort
as_clerk arc-index --db kantor/a.db --check 2>&1
echo "exit $?"
