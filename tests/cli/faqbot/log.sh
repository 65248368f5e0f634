# --log appends one record per interaction (mode 0640), across runs; a log
# that cannot be opened is an error before anything is answered.
. "$ARC_TESTS/cli/faqbot/kb.inc"
umask 022
echo '{"q": "ktp ilang gmn", "session": "1"}' | faq --log chat.log >/dev/null
echo '{"q": "resep nasi goreng", "session": "2"}' | faq --log chat.log >/dev/null
echo "exit $?"
stat -c %a chat.log
sed 's/"time":"[^"]*"/"time":"T"/' chat.log
echo 'ktp' | faq --log no/such/dir/chat.log
echo "exit $?"
