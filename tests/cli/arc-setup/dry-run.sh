# --dry-run prints what a set-up would do and changes nothing; it needs no
# root.  Names no machine has, a folder and SYSCONFDIR of the case's own.
export ARC_SETUP_ETC=$PWD/etc
arc-setup --dry-run --user arcsetup-none --group arcstaf-none \
    --home "$PWD/arc" /srv/scan /srv/scan2 | sed "s|$PWD|TMP|g"
ls
echo "a city's archive on a PostgreSQL server:"
ARC_SETUP_ETC=$PWD/etc2 arc-setup --dry-run --user arcsetup-none \
    --group arcstaf-none --home "$PWD/arc" --archive \
    postgresql://db.kota.go.id/arsip_kota --office dukcapil /srv/scan |
    sed "s|$PWD|TMP|g"
echo "usage errors:"
arc-setup --home relative
echo "exit $?"
arc-setup --frobnicate
echo "exit $?"
arc-setup --dry-run --office dukcapil
echo "exit $?"
arc-setup --dry-run --archive /var/lib/arc/arsip.db --office dukcapil
echo "exit $?"
arc-setup --dry-run --archive postgresql:///arsip_kota
echo "exit $?"
arc-setup --dry-run --archive postgresql://arc:rahasia@db/arsip_kota \
    --office dukcapil
echo "exit $?"
