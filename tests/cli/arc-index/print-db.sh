# --print-db: the archive every program would use, from --db, ARC_DB or
# the default, printed without opening it; and its usage errors.
unset ARC_DB XDG_DATA_HOME
HOME=/home/clerk arc-index --print-db
HOME=/home/clerk XDG_DATA_HOME=/srv/data arc-index --print-db
HOME=/home/clerk XDG_DATA_HOME=relative arc-index --print-db
ARC_DB=arsip.db arc-index --print-db
ARC_DB=arsip.db arc-index --db kantor.db --print-db
ARC_DB=arsip.db arc-index --db '' --print-db
ls
(unset HOME; arc-index --print-db)
echo "status $?"
arc-index --db arsip.db --print-db --check
echo "status $?"
arc-index --db arsip.db --print-db records.jsonl
echo "status $?"
arc-index --db arsip.db --print-db >/dev/full
echo "status $?"
