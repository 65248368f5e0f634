# An archive on PostgreSQL needs libpq, which is loaded only then: without
# it (here a file of its name that is no library) arc-index and arc-find
# say so in one line and exit 2; an SQLite archive never loads it.
mkdir lib
: >lib/libpq.so.5
export LD_LIBRARY_PATH="$PWD/lib"
printf 'surat ktp' >a.txt
sha=$(sha256sum <a.txt | cut -c1-64)
rec=$(printf '{"path":"a.txt","sha256":"%s","text":"surat ktp","lang":"ind"}' \
    "$sha")
{
	echo "$rec" | ARC_COPIES="$PWD/copies" arc-index -q \
	    --db postgresql://nobody@127.0.0.1:1/none
	echo "status $?"
	ARC_COPIES="$PWD/copies" arc-find \
	    --db postgresql://nobody@127.0.0.1:1/none ktp
	echo "status $?"
} 2>&1 | sed "s#$PWD#DIR#"
echo "$rec" | arc-index -q --db a.db
arc-find --db a.db --format paths ktp
echo "status $?"
