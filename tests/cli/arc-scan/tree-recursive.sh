# Hidden and temporary files are left alone; the rest is recorded in name order.
$MKFIXTURE tree scans
arc-scan -r scans
