# Talk that is no question gets a word back as a person would give, never
# the decline with every contact: thanks, greetings (unless an entry
# greets), "apa kabar", "ok", "p", an emoji, laughter ("wkwk"); the
# office's own _thanks, _greeting and _prompt entries when it has them.  A lone topic word several entries
# share ("ktp") offers them as choices.  Each in the message's language.
. "$ARC_TESTS/cli/faqbot/kb.inc"
cat >talk <<'END'
makasih ya min
terima kasih banyak kak
makasih admin
terima kasih sekali bapak
thank you so much
thanks sir
halo
selamat pagi min
assalamualaikum wr wb
ok
p
👍
??
ktp
halo, ktp saya hilang
wkwkwk
hehe makasih min
apa kabar min
how are you
apa syarat ktp
END
show() {
	bot "$@" talk | jq -r '[.status, .id // "-", .lang, .answer] | @tsv' |
	    cut -c1-100
}
show -f kb.faq
echo "the office's own words:"
cat >own.faq <<'END'
id: _thanks
a: Sama-sama! Kantor kami buka Senin-Jumat.
en: You are welcome!

id: _greeting
a: Selamat datang di layanan kami.

id: _prompt
a: Silakan ketik pertanyaan Anda.
END
show -f kb.faq -f own.faq
echo "a salutation before a question changes nothing of its answer:"
printf '%s\n' 'ktp saya hilang' 'selamat siang, ktp saya hilang' \
    'Assalamualaikum wr wb. ktp saya hilang' 'good morning, ktp saya hilang' \
    'malam ini kantor buka?' 'selamat malam, kantor buka?' >salam
bot -f kb.faq salam | jq -r '[.status, .id // "-", .score] | @tsv'
