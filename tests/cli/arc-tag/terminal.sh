# Started on a terminal with nothing piped in and no file named, it says
# in one line where its input comes from, then reads the terminal as
# before (script(1) gives it one); piped, it says nothing of the kind.
echo 'undangan any undangan' > r.rules
printf '%s\n' '{"path": "a.txt", "text": "undangan"}' |
	timeout 20 script -qec "arc-tag -r r.rules" /dev/null >tty.raw
echo "status $?"
tr -d '\r' <tty.raw >tty.txt
grep '^arc-tag: reading' tty.txt
grep -c "\"tags\"" tty.txt
printf '%s\n' '{"path": "a.txt", "text": "undangan"}' | arc-tag -r r.rules 2>&1 >/dev/null | grep -c reading || :
