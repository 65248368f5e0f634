python3 -c "import zipfile; zipfile.ZipFile(\"kosong.zip\", \"w\").close()"
touch -d @1767323046 kosong.zip
arc-scan kosong.zip
