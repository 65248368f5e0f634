# The archive named in arc.conf(5) is every program's default; ARC_DB and
# --db win over it, and a file that is not there sets nothing.
cat >arc.conf <<'END'
# The office's archive.
archive = office/arsip.db

scan    = scan
END
export ARC_CONF=arc.conf
unset ARC_DB
arc-index --print-db
ARC_DB=env.db arc-index --print-db
ARC_DB=env.db arc-index --db opt.db --print-db
echo "arc-find and arc-report read it too:"
arc-find ktp
echo "exit $?"
arc-report
echo "exit $?"
echo "arc-batch, given no folder, archives those it names:"
mkdir scan
arc-batch --settle 0 >/dev/null 2>&1
echo "exit $?"
ls office
echo "no file is no setting:"
ARC_CONF=missing.conf HOME=/home/clerk XDG_DATA_HOME= arc-index --print-db
