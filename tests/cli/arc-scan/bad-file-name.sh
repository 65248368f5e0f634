# A file whose name is not UTF-8 cannot be named in a record: it is reported.
$MKFIXTURE tree scans
printf 'x' > "$(printf 'scans/caf\351.txt')"
arc-scan scans
