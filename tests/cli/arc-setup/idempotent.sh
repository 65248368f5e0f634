# As root: a set-up makes the account, the group, the folder (2750) and
# arc.conf; a second run changes nothing and says so; a run naming another
# group gives it the archive made meanwhile too.  Names unique to the
# run, removed at the end.
[ "$(id -u)" = 0 ] || { echo "not root: arc-setup not run" >&2; exit 77; }
command -v useradd >/dev/null || { echo "no useradd" >&2; exit 77; }
u=arcsetup$$ g=arcstaf$$ g2=arcumum$$
trap 'userdel "$u" 2>/dev/null; groupdel "$g" 2>/dev/null
    groupdel "$g2" 2>/dev/null' EXIT
export ARC_SETUP_ETC=$PWD/etc
arc-setup --user "$u" --group "$g" --home "$PWD/arc" scan >out
echo "exit $?"
sed -e "s|$PWD|TMP|g" -e "s/$u/USER/g" -e "s/$g/GROUP/g" out
stat -c '%a' arc
[ "$(stat -c %U:%G arc)" = "$u:$g" ] && echo "owned by the account and group"
cat etc/arc/arc.conf | sed "s|$PWD|TMP|g"
echo "again:"
arc-setup --user "$u" --group "$g" --home "$PWD/arc" scan >out
echo "exit $?"
sed -e "s|$PWD|TMP|g" -e "s/$u/USER/g" -e "s/$g/GROUP/g" out
echo "the clerks read the archive arc.conf names:"
ARC_CONF=etc/arc/arc.conf arc-index --print-db | sed "s|$PWD|TMP|g"
echo "another group, with an archive made: its files change group too"
chmod 755 .
echo "Surat edaran jam kerja." >surat.txt
arc-scan surat.txt | arc-ocr -j 1 |
    setpriv --reuid="$u" --regid="$g" --clear-groups \
    arc-index --db arc/arsip.db 2>&1 | sed "s|$PWD|TMP|g"
arc-setup --user "$u" --group "$g2" --home "$PWD/arc" scan >out
echo "exit $?"
sed -e "s|$PWD|TMP|g" -e "s/$u/USER/g" -e "s/$g2/GROUP2/g" out
find arc -printf '%u:%g %P\n' | sort -k2 |
    sed -e "s/$u/USER/g" -e "s/$g2/GROUP2/g" -e "s/$g/GROUP/g"
