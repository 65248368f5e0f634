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
