$MKFIXTURE zip arsip.zip
arc-scan arsip.zip
