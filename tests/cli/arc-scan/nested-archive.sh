. "$ARC_TESTS/cli/arc-scan/records.inc"
$MKFIXTURE zip dalam.zip
/usr/bin/python3 -c "
import zipfile
with zipfile.ZipFile(\"luar.zip\", \"w\") as z:
    z.writestr(zipfile.ZipInfo(\"dalam.zip\", (2026, 1, 2, 3, 4, 6)), open(\"dalam.zip\", \"rb\").read())
"
touch -d @1767323046 luar.zip
scan luar.zip
