# arc-tag's rules and faqbot's answers and status export default to those
# arc.conf(5) names; -r, -f and -s still win.
. "$ARC_TESTS/cli/faqbot/kb.inc"
mkdir faq rules
mv kb.faq faq/
echo 'kantor any balai' >rules/office.rules
echo 'lain any balai' >other.rules
printf 'nomor\tstatus\nREG-2026-000123\tselesai\n' >status.tsv
cat >arc.conf <<END
rules = $PWD/rules
faq = $PWD/faq
status = $PWD/status.tsv
END
export ARC_CONF=arc.conf
echo '{"text": "balai desa"}' | arc-tag | jq -c .tags
echo '{"text": "balai desa"}' | arc-tag -r other.rules | jq -c .tags
echo 'ktp ilang gmn' | faqbot | jq -r .id
echo 'status REG-2026-000123' | faqbot | jq -r .answer
