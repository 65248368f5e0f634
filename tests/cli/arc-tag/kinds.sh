# Every kind of rule, and where a keyword may and may not match.
cat > office.rules <<'RULES'
# any: words and "quoted phrases"
undangan any undangan "rapat koordinasi"
# all: every term, in any order
keuangan all anggaran realisasi
# exact: the rest of the line as one phrase, punctuation and all
pt exact PT.
persero any (Persero)
# a keyword never matches inside a word: Ban is not in Bank
ban any Ban
# regex: PCRE2, case-insensitive, multi-line
sk regex ^keputusan\s+(camat|bupati)\b
# fuzzy: 90% similar, for OCR damage
sktm fuzzy surat keterangan tidak mampu
field:perihal regex ^perihal\s*:\s*(.+)$
RULES
jq -c . <<'RECORDS' | arc-tag -r office.rules | jq -c '{path, tags, fields}'
{"path": "1.txt", "text": "Bank Rakyat\nPT. Maju Jaya (Persero)"}
{"path": "2.txt", "text": "Undangan RAPAT\n   koordinasi\fhalaman dua"}
{"path": "3.txt", "text": "realisasi ... ANGGARAN"}
{"path": "4.txt", "text": "anggaran saja; PTX. dan pt.bank"}
{"path": "5.txt", "text": "Perihal : Permohonan SKTM\nKEPUTUSAN  Camat Sukamaju\nsurat keterangn tidak mampv"}
{"path": "5b.txt", "text": "three edits are too many: surat keterangn tidak rnampu"}
{"path": "6.txt", "text": "Kepu tusan Camat; surat keterangan kelakuan baik"}
{"path": "7.txt"}
RECORDS
