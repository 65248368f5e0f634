# One office archive shared by many accounts, with real ones: a service
# account writes it (in a folder root:GROUP 2770, as an office sets it
# up), a clerk of the group reads it.  The clerk's searches and reports,
# before, during and after the service account's writes, and an archive
# last closed by an older arc (no -wal, no -shm), never stop the service
# account's next write; the clerk's arc-batch and arc-index, and root's,
# are refused in one line, naming the account that writes, and change
# nothing;
# everything is the group's to read and nobody else's.
# Accounts can be made only by root: skipped otherwise, and where the
# Indonesian locale is missing (.ci/install-deps makes it).
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
. "$ARC_TESTS/cli/accounts.inc"
. "$ARC_TESTS/cli/letters.inc"
svc=arcsvc$$ clerk=arcclerk$$ grp=arcstaf$$
add_group "$grp" && add_user "$svc" -G "$grp" &&
    add_user "$clerk" -G "$grp" || exit 2
as() { u=$1; shift; setpriv --reuid="$u" --regid="$u" --init-groups "$@"; }
# The names of the accounts, alike in every run.
names() { sed "s/$svc/SVC/g; s/$clerk/CLERK/g; s/$grp/STAF/g"; }
files() {
	find kantor -maxdepth 1 -name 'arsip.db*' -printf '%M %u %g %f\n' |
	    sort -k4 | names
}
echo "Surat baru tentang rapat pelayanan." >surat/baru.txt
echo "Notulen rapat evaluasi pelayanan." >surat/notulen.txt
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 >scan.jsonl
chmod 755 .
umask 022
mkdir kantor && chown "root:$grp" kantor && chmod 2770 kantor
db=kantor/arsip.db

echo "-- the service account indexes three letters"
grep -e undangan -e sk.txt -e domisili scan.jsonl |
    as "$svc" arc-index --db $db
echo "exit $?"
files
echo "-- the clerk searches and reports"
as "$clerk" arc-find --db $db rapat | jq -r .path
echo "exit $?"
as "$clerk" arc-report --db $db --format csv tags >/dev/null
echo "exit $?"
files
echo "-- the service account indexes two more"
grep -e pengaduan -e english scan.jsonl | as "$svc" arc-index --db $db
echo "exit $?"
echo "-- the clerk starts arc-batch"
ls -lR kantor | sha256sum >before
as "$clerk" arc-batch --db $db --settle 0 surat 2>batch.err
echo "exit $?"
names <batch.err
ls -lR kantor | sha256sum -c --quiet before && echo "archive unchanged"
echo "-- the clerk runs arc-index itself, in English and in Indonesian"
grep baru.txt scan.jsonl | as "$clerk" arc-index --db $db 2>index.err
echo "exit $?"
names <index.err
grep baru.txt scan.jsonl |
    as "$clerk" env LC_ALL=id_ID.UTF-8 arc-index --db $db 2>index.err
echo "exit $?"
names <index.err
ls -lR kantor | sha256sum -c --quiet before && echo "archive unchanged"
echo "-- root runs the nightly job and arc-index: refused, naming the account"
arc-batch --db $db --settle 0 surat 2>root.err
echo "exit $?"
grep baru.txt scan.jsonl | arc-index --db $db 2>>root.err
echo "exit $?"
names <root.err
ls -lR kantor | sha256sum -c --quiet before && echo "archive unchanged"
echo "-- the clerk searches while the service account writes"
{ grep baru.txt scan.jsonl; sleep 3; grep notulen.txt scan.jsonl; } |
    as "$svc" arc-index --db $db 2>writer.err &
sleep 1.5
as "$clerk" arc-find --db $db rapat | jq -r .path | sort
echo "exit $?"
wait $!
echo "writer exit $?"
cat writer.err
as "$clerk" arc-find --db $db notulen | jq -r .path
echo "exit $?"
echo "-- an archive last closed by an older arc: no -wal, no -shm"
as "$svc" sqlite3 $db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
rm -f $db-wal $db-shm
files
as "$clerk" arc-find --db $db keputusan | jq -r .path
echo "exit $?"
files
echo "-- a -wal and -shm of the clerk's, as an older arc's search left them"
as "$svc" touch $db-wal $db-shm
chown "$clerk" $db-wal $db-shm
echo "Surat lain." >surat/lain.txt
arc-scan surat/lain.txt | arc-ocr -j 1 | arc-tag -j 1 >lain.jsonl
as "$svc" arc-index --db $db lain.jsonl 2>index.err
echo "exit $?"
names <index.err
rm $db-wal $db-shm
as "$svc" arc-index --db $db lain.jsonl
echo "exit $?"
files
echo "-- at the end"
echo "the clerk's files: $(find kantor -user "$clerk" | wc -l)"
echo "others may use: $(find kantor -mindepth 1 -perm /o=rwx | wc -l)"
echo "the group cannot read: $(find kantor ! -perm -g=r | wc -l)"
echo "the group may write: $(find kantor -mindepth 1 -perm /g=w | wc -l)"
