# A missing file among good ones: the good ones still come out; exit 1.
$MKFIXTURE tree scans
arc-scan scans/nota-dinas.txt tidak-ada.pdf scans/surat/undangan.pdf
