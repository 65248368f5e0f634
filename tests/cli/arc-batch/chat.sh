# The chatbot's logs arc.conf's chat line names are archived by the nightly
# job with the scans: each interaction once, however often its log is
# read; a log not written since the last run is not read again, a log not
# there yet is no error, and a log alone (no scanner folder) is enough.
faq="$ARC_TESTS/../share/faq"
bot() {
	faqbot -f "$faq" -w "$faq/normalisasi.txt" \
	    --synonyms "$faq/sinonim.txt" --topics "$faq/topik.txt" "$@"
}
mkdir scans logs
echo "Surat edaran tentang jam kerja pegawai." >scans/edaran.txt
touch -d '2026-12-01 08:00' scans/edaran.txt
cat >arc.conf <<END
archive = $PWD/kantor/arsip.db
scan = $PWD/scans
chat = $PWD/logs/faqbot.jsonl $PWD/logs/faqbot.jsonl.1
END
export ARC_CONF=$PWD/arc.conf
unset ARC_DB
report() { arc-report --format csv chat | cut -d, -f2-; }
# batch: a run of the nightly job, its messages with the folder and the
# seconds it took made alike in every run.
batch() {
	arc-batch --settle 0 2>err
	echo "exit $?"
	sed "s|$PWD|WORK|; s/in [0-9]* s/in N s/" err
}
echo "-- no log yet: the scans alone"
batch
echo "-- citizens ask; the next night archives what they asked"
printf 'jam buka kantor\nsyarat bikin ktp\nbeli pulsa dimana\n' |
    bot --log logs/faqbot.jsonl >/dev/null
batch
report
echo "-- nothing new: the log is not read again"
batch
echo "-- the log rotated, more asked since: each interaction once"
sleep 1
mv logs/faqbot.jsonl logs/faqbot.jsonl.1
echo 'akta kelahiran hilang' | bot --log logs/faqbot.jsonl >/dev/null
echo "Nota dinas tentang rapat." >scans/nota.txt
touch -d '2026-12-01 08:00' scans/nota.txt
batch
report
sqlite3 kantor/arsip.db "SELECT status, count(*) FROM chat GROUP BY 1"
echo "-- a log alone, with no scanner folder"
printf 'archive = %s\nchat = %s\n' "$PWD/kantor/arsip.db" \
    "$PWD/logs/faqbot.jsonl" >arc.conf
sleep 1
echo 'terima kasih' | bot --log logs/faqbot.jsonl >/dev/null
batch
sqlite3 kantor/arsip.db "SELECT count(*) FROM chat"
echo "-- a log not from the root"
printf 'archive = %s\nchat = faqbot.jsonl\n' "$PWD/kantor/arsip.db" >arc.conf
batch
