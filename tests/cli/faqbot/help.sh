# --help, and usage errors with exit 2.
faqbot --help
echo "exit $?"
faqbot --answer-at 2 </dev/null
echo "exit $?"
faqbot --answer-at 0.3 --suggest-at 0.5 </dev/null
echo "exit $?"
faqbot --check extra-file
echo "exit $?"
faqbot --bogus
echo "exit $?"
faqbot --answer-at nan </dev/null
echo "exit $?"
# A lower --answer-at alone takes --suggest-at down with it.
echo "ktp saya hilang" | faqbot --answer-at 0.2 >/dev/null
echo "exit $?"
