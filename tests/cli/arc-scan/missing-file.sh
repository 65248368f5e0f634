# A missing file among good ones: the good ones still come out; exit 1.
. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE tree scans
scan scans/nota-dinas.txt tidak-ada.pdf scans/surat/undangan.pdf
