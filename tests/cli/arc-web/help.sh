# arc-web: --help, a bad option, a stray argument, a bad --listen, a bad
# --idle, an archive that is not there; --pam with a users file, with
# --add-user, and with a path for a service's name.
. "$ARC_TESTS/cli/letters.inc"
make_archive 2>/dev/null
arc-web --help
echo "exit $?"
arc-web --bogus
echo "exit $?"
arc-web extra
echo "exit $?"
arc-web --db arsip.db --listen 'nonsense:port'
echo "exit $?"
arc-web --db arsip.db --idle 0
echo "exit $?"
arc-web --db missing/arsip.db
echo "exit $?"
arc-web --db arsip.db --pam --users web-users
echo "exit $?"
arc-web --pam --add-user "$(id -un)" </dev/null
echo "exit $?"
arc-web --db arsip.db --pam=../shadow
echo "exit $?"
arc-web --db arsip.db --pam=
echo "exit $?"
