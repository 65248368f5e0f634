# arc-web --pam: clerks log in with their own passwords of this machine,
# checked by the shipped share/pam.d/arc-web (copied to /etc/pam.d under a
# name of the run's own), arc-web run as its unit runs it with the drop-in
# arc-web-pam.conf: a service account in the archive's group and in the
# group shadow.  The right password of an account in the group lets it in;
# a wrong one, an account outside the group, an expired, a locked one, a
# password to be changed, an empty password and an unknown name are refused
# with the users file's one message, each a second late; no other client
# waits meanwhile, nor while PAM itself is slow (pam_exec sleeping, in a
# second service); without the group shadow arc-web says at start that
# pam_unix can check no other account, and lets no one in (pam-client.py).
# Root only (accounts); skipped where pam_unix, pam_exec, setpriv or the
# group shadow is missing.
. "$ARC_TESTS/cli/accounts.inc"
module() { find /usr/lib /lib/ -path "*/security/$1" 2>/dev/null | grep -q .; }
if ! module pam_unix.so || ! module pam_exec.so ||
    [ ! -e /etc/pam.d/common-auth ] || ! command -v setpriv >/dev/null ||
    ! getent group shadow >/dev/null; then
	echo "pam: skipped: no pam_unix and pam_exec, common-auth, setpriv" \
	    "or group shadow here" >&2
	exit 77
fi
pw=Sandi-Kantor-2026 grp=arcpamg$$ svc=arcpams$$ clerk=arcpamc$$
outsider=arcpamo$$ expired=arcpame$$ locked=arcpaml$$ change=arcpamd$$
add_group "$grp" && add_user "$svc" -G "$grp" &&
    add_user "$clerk" -G "$grp" && add_user "$outsider" &&
    add_user "$expired" -G "$grp" && add_user "$locked" -G "$grp" &&
    add_user "$change" -G "$grp" || exit 2
for u in "$clerk" "$outsider" "$expired" "$locked" "$change"; do
	echo "$u:$pw"
done | chpasswd || exit 2
# Expired yesterday; locked (passwd -l); to be changed at the next log-in.
chage -E 0 "$expired" && usermod -L "$locked" && chage -d 0 "$change" ||
    exit 2
service=arc-web-test$$ slow=arc-web-slow$$
remove_at_exit "/etc/pam.d/$service"
remove_at_exit "/etc/pam.d/$slow"
cp "$ARC_TESTS/../share/pam.d/arc-web" "/etc/pam.d/$service" &&
    { echo "auth required pam_exec.so quiet $(command -v sleep) 2"
    cat "$ARC_TESTS/../share/pam.d/arc-web"; } >"/etc/pam.d/$slow" || exit 2
# The archive as arc-setup(8) makes it, readable by the group only; arc-web
# copied where the service account may run it.
install -d -g "$grp" -m 2750 arsip && arc-index --db arsip/arsip.db \
    </dev/null 2>/dev/null && chmod 0711 . &&
    install -d -m 0755 bin && install -m 0755 "$(command -v arc-web)" bin ||
    exit 2
python3 "$ARC_TESTS/cli/arc-web/pam-client.py" "$service" "$slow" "$svc" \
    "$grp" "$clerk" "$outsider" "$expired" "$locked" "$change" "$pw" 2>&1
