# --check: a clean knowledge base passes; problems are named with file:line;
# a file with an error is refused as a whole and nothing is answered.
. "$ARC_TESTS/cli/faqbot/kb.inc"
faq --check
echo "exit $?"
cat >warn.faq <<'END'
id: ktp-baru
q: syarat bikin ktp apa aja
a: Dobel.
color: biru

id: kosong
q: pertanyaan tanpa jawaban berarti
a:
END
bot -f kb.faq -f warn.faq --check
echo "exit $?"
cat >broken.faq <<'END'
id: tanpa-jawaban
q: ini tidak punya jawaban

this line has no colon
id: Huruf Besar
q: x
a: y
  
  continued nothing?

id: ok
q: benar
a: benar
action: dance
END
bot -f broken.faq --check
echo "exit $?"
echo 'ktp hilang' | bot -f broken.faq
echo "exit $?"
printf 'gmn bagaimana\none two three four five = x\n' >badwords.txt
faq -w badwords.txt --check
echo "exit $?"
bot -f missing.faq --check
echo "exit $?"
echo "overlapping entries, the example office's contacts:"
cat >overlap.faq <<'END'
id: nib-daftar
q: cara daftar nib online
a: Lewat OSS.

id: nib-online
q: daftar nib online
a: Buka oss.go.id.

id: retribusi
q: cara bayar retribusi
a: Di bank.

id: _decline
a: Hubungi kami di 0812-5550-0000 atau info@kantor.contoh.go.id.
END
bot -f overlap.faq --check
echo "exit $?"
echo "saved by Windows' Notepad: a byte order mark, CRLF line ends:"
printf '\357\273\277id: jam\r\nq: jam buka kantor\r\na: 08.00-15.00.\r\n' >bom.faq
bot -f bom.faq --check
echo "exit $?"
echo 'jam buka kantor' | bot -f bom.faq | grep -o '"id":"[a-z]*"'
echo "a NIK written into an entry: masked when read, named by --check:"
cat >nik.faq <<'END'
id: cek-status
q: cara cek status permohonan
a: Contoh: ketik STATUS 3201014505900032 lalu kirim.
en: Example: type STATUS 3201 0145 0590 0032 and send.
END
bot -f nik.faq --check
echo "exit $?"
echo 'cara cek status permohonan' | bot -f nik.faq --log nik.log |
    grep -o '"answer":"[^"]*"'
grep -c 3201014505900032 nik.log
grep -o 'STATUS 3201[*]*' nik.log
