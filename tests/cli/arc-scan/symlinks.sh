# Links are followed only to files inside the folder being scanned.
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
ln -s nota-dinas.txt scans/tautan-dalam.txt
ln -s /etc/passwd scans/tautan-keluar.txt
ln -s tidak-ada.txt scans/tautan-putus.txt
ln -s surat scans/tautan-folder
scan -r scans
