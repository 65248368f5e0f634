# A text file saved by an older Windows program (Windows-1252: "é", "½",
# curly quotes and the dash as single bytes) is read as such, not with
# every such letter replaced; a UTF-8 text with one stray byte stays UTF-8.
printf 'Surat pemberitahuan \275 hari: kegiatan posyandu \223Sehat\224 \226 caf\351.\n' >latin.txt
printf 'Pengumuman kegiatan \303\251l\303\250ve, satu bait rusak \377 di sini.\n' >utf8.txt
arc-scan latin.txt utf8.txt | arc-ocr | jq -r .text
