# --explain says on stderr which rule gave each tag and field, and the
# matched text with its line; NIK numbers there are masked.
cat > office.rules <<'RULES'
undangan any undangan
undangan all rapat koordinasi
sktm fuzzy surat keterangan tidak mampu
RULES
jq -c . >in.jsonl <<'RECORDS'
{"path": "scan/a.png", "text": "Nomor: 005/2318-Umum/2026\n\nRapat\nKoordinasi Desa\nNIK 3273014505900001\nCibinong, 9 Desember 2026"}
{"path": "scan/b.zip", "member": "b/c.tif", "text": "surat ketrangan tdak mampu"}
{"path": "scan/d.png", "text": "tidak ada apa-apa"}
RECORDS
arc-tag -r office.rules --explain in.jsonl >out.jsonl
status=$?
jq -c '{tags, fields}' out.jsonl
exit $status
