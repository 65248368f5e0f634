$MKFIXTURE zip arsip.zip
arc-scan --max-unpacked 60 arsip.zip
