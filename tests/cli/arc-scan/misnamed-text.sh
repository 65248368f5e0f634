# Texts whose first letters libmagic takes for another format (5.44 says
# HP-GL for two capitals that are a plotter command, mail and news for a
# "Date:" or "Article" line) are text/plain, archived and found; bytes that
# are no text, and a real format arc reads, keep libmagic's name.
mkdir surat lain
printf 'PATTIRO (Pusat Telaah dan Informasi Regional) menyampaikan laporan\npemantauan anggaran desa tahun 2026.\n' > surat/pattiro.txt
printf 'SPT Tahunan PPh pegawai kecamatan dikumpulkan paling lambat\n31 Maret 2026.\n' > surat/spt.txt
printf 'BPJS Kesehatan: iuran Rp 35.000 \342\200\223 kelas III, \342\200\234peserta mandiri\342\200\235.\n' > surat/bpjs.txt
printf 'Date: 3 Maret 2026\nPerihal: Rapat evaluasi kearsipan\n' > surat/memo.txt
printf 'Article 12\nPasal ini mengatur tata naskah dinas.\n' > surat/pasal.txt
printf 'BPJS Kesehatan\0\1\2 iuran\n' > lain/nul.txt
printf 'PA\351 kelurahan Latin-1\n' > lain/latin1.txt
printf 'P1\n2 2\n0 1\n1 0\n' > lain/bitmap.pbm
echo "== types"
arc-scan surat lain | jq -r '[.path, .mime] | @tsv' | sort
echo "== archived"
arc-scan surat | arc-ocr -j 1 | arc-index --db arsip.db
echo "exit $?"
for w in pattiro spt mandiri kearsipan naskah; do
	printf '%s: ' "$w"
	arc-find --db arsip.db --json "$w" | jq -r .path
done
