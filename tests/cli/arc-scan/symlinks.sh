# Links are followed only to files inside the folder being scanned.
$MKFIXTURE tree scans
ln -s nota-dinas.txt scans/tautan-dalam.txt
ln -s /etc/passwd scans/tautan-keluar.txt
ln -s tidak-ada.txt scans/tautan-putus.txt
ln -s surat scans/tautan-folder
arc-scan -r scans
