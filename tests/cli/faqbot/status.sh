# Application numbers: answered from the status file's row when found,
# "not found" (never a guess) when not; NIK numbers are masked everywhere.
. "$ARC_TESTS/cli/faqbot/kb.inc"
ask -s status.tsv --log log.jsonl <<'END'
{"q": "status REG-2026-000123 gmn", "session": "s"}
{"q": "permohonan saya reg 2026-000124 sudah selesai?", "session": "s"}
{"q": "cek REG-2026-000999", "session": "s"}
{"q": "nik saya 3201234567890001, ktp hilang", "session": "s"}
{"q": "NIK 3201 2345 6789 0001 status REG-2026-000123", "session": "s"}
END
echo "log:"
sed 's/"time":"[^"]*"/"time":"T"/' log.jsonl
grep -c 32012345 log.jsonl
echo "status file errors:"
printf 'nomor\tstatus\nREG-2026-000001\tselesai\textra\n\tkosong\n' >bad.tsv
faq -s bad.tsv </dev/null
echo "exit $?"
echo "an export with NIKs and all-digit numbers:"
printf 'nomor\tnik\tstatus\nREG-2026-000123\t3201234567890001\tselesai\n123456\t3201 2345 6789 0001\tditerima\n98765432\t-\tdiproses\n' >nik.tsv
printf '%s\n' 'REG-2026-000123' 'REG-2026-000123A' 'status 123456' 'status 98765432 ya' 'status 1234567' | faq -s nik.tsv | cut -d, -f1-3
