# Started on a terminal with nothing piped in and no file named, it says
# in one line where its input comes from, then reads the terminal as
# before (script(1) gives it one); piped, it says nothing of the kind.
printf '%s\n' '' |
	timeout 20 script -qec "arc-index --db arsip.db" /dev/null >tty.raw
echo "status $?"
tr -d '\r' <tty.raw >tty.txt
grep '^arc-index: reading' tty.txt
grep -c '0 added' tty.txt
printf '%s\n' '' | arc-index --db arsip.db 2>&1 >/dev/null | grep -c reading || :
