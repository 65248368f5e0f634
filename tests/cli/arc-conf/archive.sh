# The archive named in arc.conf(5) is every program's default; ARC_DB and
# --db win over it, and a file that is not there sets nothing.
cat >arc.conf <<END
# The office's archive.
archive = $PWD/office/arsip.db

scan    = $PWD/scan
END
export ARC_CONF=arc.conf
unset ARC_DB
# Runs a command with this folder shown as WORK in what it prints.
w() {
	"$@" >.out 2>.err
	rc=$?
	sed "s|$PWD|WORK|g" .out
	sed "s|$PWD|WORK|g" .err >&2
	return $rc
}
w arc-index --print-db
w env ARC_DB=env.db arc-index --print-db
w env ARC_DB=env.db arc-index --db opt.db --print-db
echo "arc-find and arc-report read it too:"
w arc-find ktp
echo "exit $?"
w arc-report
echo "exit $?"
echo "arc-batch, given no folder, archives those it names:"
mkdir scan
arc-batch --settle 0 >/dev/null 2>&1
echo "exit $?"
ls office
echo "no file is no setting:"
ARC_CONF=missing.conf HOME=/home/clerk XDG_DATA_HOME= arc-index --print-db
echo "a path that is not from the root is refused:"
echo "archive = office/arsip.db" >relative.conf
w env ARC_CONF=relative.conf arc-index --print-db
echo "exit $?"
