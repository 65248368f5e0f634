# Fields from realistic letters: the letter number, the paper's own date
# (not a meeting's or a birth date), valid NIKs only, registration numbers.
jq -c . <<'RECORDS' | arc-tag -r /dev/null | jq -c .fields
{"text": "PEMERINTAH KABUPATEN BOGOR\nKECAMATAN CIBINONG\nNomor    : 005 / 123 / Kec / 2026\nLampiran : -\nPerihal  : Undangan\n\nDengan hormat, kami mengundang Saudara pada:\nhari, tanggal : Rabu, 9 Desember 2026\n\nCibinong, 30 November 2026\nCamat Cibinong"}
{"text": "SURAT KETERANGAN DOMISILI\nNo. 470/215/Kel-SKM/2026\nNama : Siti Aminah\nNIK : 3201014505900002\nTempat, Tanggal Lahir : Bandung, 14-03-1994\nNIK suami : 3201011403880001\nNIK salah : 3201019999880001\nDitetapkan pada tanggal 2026-11-24"}
{"text": "Status permohonan REG-2026-000123 dan reg-2026-000124: 9 Des 2026"}
{"text": "Our ref. : LRF/OUT/112/XII/2026\nJakarta, 18 December 2026"}
{"text": "tanpa nomor atau tanggal; 31 April 2026 bukan tanggal"}
RECORDS
