# A folder swapped for a link to a folder outside after arc-scan,
# the file there holding the very bytes scanned (a copy kept elsewhere, mode
# 600): the sha256 matches, but the file is not the one scanned (device and
# inode differ), so neither arc-ocr nor arc-index reads it.  Records without
# "dev" and "ino" (older pipelines) are checked by their sha256 alone.
mkdir -p scans/sub rahasia
printf 'Nota dinas untuk arsip kecamatan.\n' > scans/sub/surat.txt
cp scans/sub/surat.txt rahasia/surat.txt
chmod 600 rahasia/surat.txt
arc-scan -r scans >scanned.jsonl
arc-ocr -j 1 scanned.jsonl >read.jsonl
mv scans/sub scans/sub.lama
ln -s ../rahasia scans/sub
arc-ocr -j 1 scanned.jsonl >swapped.jsonl
echo "arc-ocr: exit $?"
jq -c '{path, error: .error.message}' swapped.jsonl
arc-index --db arsip.db read.jsonl
echo "arc-index: exit $?"
sqlite3 arsip.db "SELECT state, path FROM doc"
echo "copies: $(find arsip.files -type f 2>/dev/null | wc -l)"
# Without "dev" and "ino", as before: the bytes are the ones scanned.
jq -c 'del(.dev, .ino)' scanned.jsonl | arc-ocr -j 1 | jq -c '{path, text}'
