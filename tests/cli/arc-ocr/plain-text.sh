printf "Pengumuman: pelayanan akta kelahiran dan KTP-el di kantor kecamatan untuk warga yang terdaftar.\n" > pengumuman.txt
arc-scan pengumuman.txt | arc-ocr | jq -c "{text, pages, lang, ocr}"
