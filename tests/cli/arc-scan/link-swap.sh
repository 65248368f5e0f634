# A folder swapped for a link to a folder outside while arc-scan
# follows a link inside the scanner folder (the race made certain by a
# preloaded realpath, tests/faults/swap_folder.c).  The file outside, the
# archive user's own and mode 600, is not hashed, archived or found: the
# link is reported, with an error so that it is tried again; the file read
# before the swap is not then read through the new link.
hook=$(dirname "$(command -v arc-scan)")/swap_folder.so
mkdir -p scans/sub rahasia
printf 'Surat biasa untuk arsip kecamatan.\n' > scans/sub/surat.txt
printf 'RAHASIA sandi server arsip\n' > rahasia/surat.txt
chmod 600 rahasia/surat.txt
ln -s sub/surat.txt scans/tautan.txt
ARC_SWAP_AFTER=scans/tautan.txt ARC_SWAP_FOLDER=scans/sub \
ARC_SWAP_TARGET=../rahasia LD_PRELOAD=$hook arc-scan -r scans >rec.jsonl
echo "arc-scan: exit $?"
[ -L scans/sub ] && echo "scans/sub is now a link to $(readlink scans/sub)"
jq -c '{path, sha256, error: .error.message}' rec.jsonl
arc-ocr -j 1 rec.jsonl | arc-tag -j 1 | arc-index --db arsip.db
echo "pipeline: exit $?"
sqlite3 arsip.db "SELECT state, path FROM doc ORDER BY path"
arc-find --db arsip.db RAHASIA
echo "arc-find RAHASIA: exit $?"
echo "copies holding RAHASIA: $(cat arsip.files/*/* 2>/dev/null | grep -c RAHASIA)"
