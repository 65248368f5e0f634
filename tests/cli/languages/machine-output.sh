# Machine output reads the same in every language: arc-scan's, arc-ocr's
# and arc-tag's records (a failed document's error included), arc-find's
# json and paths, arc-report's json and csv, and the exit statuses are
# byte for byte the same under C.UTF-8, id_ID.UTF-8 and LANGUAGE=id; only
# the diagnostics people read change.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
mkdir in
cp "$SAMPLES/undangan-rapat-koordinasi.png" "$SAMPLES/arsip-2026-11.zip" in/
# A scan cut short: a document that fails, with its error in the record.
head -c 300 "$SAMPLES/undangan-rapat-koordinasi.png" >in/rusak.png
# OCR once (the slow part), in English; the rest in each language.
arc-scan "$PWD/in" | arc-ocr -j 2 >ocr.jsonl 2>/dev/null
for lang in lang-en lang-id lang-language-id; do
	mkdir "$lang"
	(
	cd "$lang" || exit 2
	case $lang in
	lang-en) export LC_ALL=C.UTF-8 ;;
	lang-id) export LC_ALL=id_ID.UTF-8 ;;
	lang-language-id) export LC_ALL=C.UTF-8 LANGUAGE=id ;;
	esac
	export ARC_DB=$PWD/arsip.db
	{
		arc-scan ../in
		echo "exit $?"
		arc-scan ../in/rusak.png | arc-ocr
		echo "exit $?"
		arc-tag ../ocr.jsonl
		echo "exit $?"
		arc-tag ../ocr.jsonl | arc-index -q
		echo "exit $?"
		arc-find --format json rapat
		echo "exit $?"
		arc-find --format paths rapat
		echo "exit $?"
		arc-find --format json tidakadakatainidimanapun
		echo "exit $?"
		for f in json csv; do
			arc-report --format "$f" documents tags failures
			echo "exit $?"
		done
	} >../"$lang".out 2>../"$lang".err
	)
done
# Each language has its own archive, whose folder is named in copies.
for lang in lang-id lang-language-id; do
	sed "s|/$lang/|/lang-en/|g" "$lang.out" | cmp -s lang-en.out - &&
	    echo "$lang: the same machine output as in English" ||
	    diff lang-en.out "$lang.out"
	cmp -s lang-en.err "$lang.err" || echo "$lang: the diagnostics differ"
done
echo "failed documents' errors, in English in every language:"
grep -o '"message":"[^"]*"' lang-id.out | sort | uniq -c
grep -c '"archived"' lang-en.out
