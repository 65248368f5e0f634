# A file written a moment ago may still be growing: it waits for the next run.
# (The NIK in its name is masked in the message.)
$MKFIXTURE tree scans
echo baru > scans/ktp-3201234567890001.txt
arc-scan -r --settle 60 scans
