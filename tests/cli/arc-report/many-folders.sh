# arc-report folders over 40,000 folders: one row each, most documents
# first, then by name.  How long it takes is bench/report-folders', not a
# test's.
# The rows are put into the archive by SQL, to be quick.
mkdir scans
echo 'Surat pengantar' >scans/a.txt
arc-scan scans/a.txt | arc-ocr | arc-index --db a.db -q
sqlite3 a.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 40000) INSERT INTO doc (sha256, state, path, indexed)
    SELECT printf('%064d', i), 'archived', CASE WHEN i % 1000 = 0 THEN
    'scans/besar' WHEN i % 1000 = 1 THEN 'scans/sedang' ELSE
    printf('scans/f%05d', i * 7919 % 39000) END || '/' || i || '.txt',
    (SELECT indexed FROM doc LIMIT 1) FROM n"
arc-report --db a.db --format json folders >out
echo "exit $?"
wc -l <out
head -n 4 out
tail -n 1 out
