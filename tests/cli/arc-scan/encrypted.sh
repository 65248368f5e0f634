$MKFIXTURE encrypted sandi.zip
arc-scan sandi.zip
