# Members before the damage are recorded, then the archive gets an error record.
$MKFIXTURE truncated rusak.zip
arc-scan rusak.zip
