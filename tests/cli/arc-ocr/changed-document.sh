# A document that changed after arc-scan recorded it is not read as if it were the same.
printf "isi lama\n" > surat.txt
arc-scan surat.txt >rec.jsonl
printf "isi baru\n" > surat.txt
arc-ocr rec.jsonl >out.jsonl
status=$?
jq -c .error out.jsonl
exit $status
