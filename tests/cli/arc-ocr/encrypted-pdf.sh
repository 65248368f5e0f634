qpdf --encrypt pengguna pemilik 256 -- "$SAMPLES/surat-keterangan-domisili.pdf" terkunci.pdf
echo terkunci.pdf | arc-ocr
