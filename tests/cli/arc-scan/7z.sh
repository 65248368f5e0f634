$MKFIXTURE 7z arsip.7z
arc-scan arsip.7z
