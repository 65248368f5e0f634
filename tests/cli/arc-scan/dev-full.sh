$MKFIXTURE tree scans
arc-scan -r scans >/dev/full
