# A line that is not "name = value" is an error named by file and line, and
# nothing is done (faqbot given every file by option does not read it); an
# unknown name is a warning.
cat >arc.conf <<'END'
archive = /srv/arsip/arsip.db
# a comment
scan /srv/scan
END
export ARC_CONF=arc.conf
unset ARC_DB
arc-index --print-db
echo "exit $?"
echo '{"text": "undangan"}' | arc-tag
echo "exit $?"
faqbot </dev/null
echo "exit $?"
echo "the option does not need the file:"
arc-index --db opt.db --print-db
echo "exit $?"
echo 'ktp hilang' | faqbot -f "$ARC_TESTS/../share/faq" \
    -w "$ARC_TESTS/../share/faq/normalisasi.txt" \
    --synonyms "$ARC_TESTS/../share/faq/sinonim.txt" \
    -s "$ARC_TESTS/../share/faq/status-contoh.tsv" | jq -r .id
echo "exit $?"
echo "an unknown name:"
printf 'archive = /srv/arsip/arsip.db\narsip = x\n' >arc.conf
arc-index --print-db
arc-tag </dev/null
echo "exit $?"
echo "a scanner folder not from the root, for arc-batch given none:"
printf 'archive = /srv/arsip/arsip.db\nscan = scans\n' >arc.conf
arc-batch --db "$PWD/arsip.db"
echo "exit $?"
