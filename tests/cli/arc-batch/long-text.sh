# A text file whose text is longer than a record may hold (64 MiB) is not
# lost between the programs: arc-ocr names it and passes it on as an error
# record, arc-index keeps it as failed, arc-report lists it, and after
# --retries failures it is no longer offered.
mkdir scans
head -c $((65 << 20)) /dev/zero | tr '\0' 'a' >scans/besar.txt
echo 'SURAT KETERANGAN' >scans/kecil.txt
touch -d '2 hours ago' scans/*
for night in 1 2; do
	arc-batch --retries 1 --db a.db scans 2>&1 | sed 's/in [0-9]* s$/in N s/'
done
arc-report --db a.db failures | sed 's/"last_tried":"[^"]*"/"last_tried":"T"/'
