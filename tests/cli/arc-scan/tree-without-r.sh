$MKFIXTURE tree scans
arc-scan scans
