# arc-index --check removes the partial copies that killed runs left
# behind (personal data nobody would finish), but not those of a run that
# is still writing.
. "$ARC_TESTS/cli/letters.inc"
make_archive -q
sha=$(sqlite3 arsip.db "SELECT sha256 FROM doc WHERE path LIKE '%sk.txt'")
dir=arsip.files/$(echo "$sha" | cut -c1-2)
# A process that has ended, and one that is running: this shell.
sh -c 'exit 0' & gone=$!
wait "$gone"
echo partial >"$dir/$sha.txt.tmp.$gone.0"
echo partial >"$dir/$sha.txt.tmp.$$.0"
arc-index --db arsip.db --check 2>said
echo "check $?"
sed 's/^arc-index: [^:]*: /arc-index: DB: /' said
ls "$dir" | sed "s/$sha/SHA/; s/\.$$\./.RUNNING./"
