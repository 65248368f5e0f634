# arc-setup in Indonesian (po/id.po): what a dry run would do, with the
# nightly job's language, and the usage errors; needs no root.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
export LC_ALL=id_ID.UTF-8
export ARC_SETUP_ETC=$PWD/etc
arc-setup --dry-run --user arcsetup-none --group arcstaf-none \
    --home "$PWD/arc" /srv/scan | sed "s|$PWD|TMP|g"
echo "usage:"
arc-setup --help | head -n 5
arc-setup --language fr --cron
arc-setup --language id
arc-setup --home relative
arc-setup --home /
arc-setup --user Admin
arc-setup --home "$PWD/a b" 2>&1 | sed "s|$PWD|TMP|g"
arc-setup --frobnicate
echo "exit $?"
