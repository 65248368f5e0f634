# Two members of one name in an archive, as `tar -r` leaves after
# an update (and a zip can hold too): each record names its member by its
# place as well as its name ("member_index", "member_offset"), so both are
# read and archived, each with its own sha256.  A wrong offset is only a
# slower read by position; a record with neither (an older pipeline) reads
# the first member of that name, as before.
printf 'Surat edaran versi pertama.\n' > edaran.txt
tar -cf arsip.tar edaran.txt
printf 'Surat edaran versi kedua, yang berlaku.\n' > edaran.txt
tar -rf arsip.tar edaran.txt
/usr/bin/python3 -W ignore -c "
import zipfile
with zipfile.ZipFile('arsip.zip', 'w') as z:
    z.writestr('edaran.txt', 'Edaran lama dalam zip.\n')
    z.writestr('edaran.txt', 'Edaran baru dalam zip.\n')
"
arc-scan arsip.tar arsip.zip >scanned.jsonl
jq -c '{path, member, member_index, member_offset}' scanned.jsonl
arc-ocr -j 1 scanned.jsonl | arc-tag -j 1 | arc-index --db arsip.db
echo "pipeline: exit $?"
sqlite3 arsip.db "SELECT state, path, member, substr(sha256, 1, 12) FROM doc ORDER BY path, sha256"
echo "copies: $(find arsip.files -type f | wc -l)"
arc-find --db arsip.db berlaku --json | jq -r '.path + ": " + .member'
jq -c '.member_offset = 3' scanned.jsonl | arc-ocr -j 1 | jq -r .text
jq -c 'del(.member_index, .member_offset)' scanned.jsonl | arc-ocr -j 1 |
    jq -c '{path, text, error: .error.message}'
