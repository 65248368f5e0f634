# Under an Indonesian locale the rule files' problems, --lint's summary and
# --help read in Indonesian; the records on stdout stay as they are.
locale -a | grep -qx id_ID.utf8 || { echo "no id_ID.UTF-8 locale" >&2; exit 77; }
export LC_ALL=id_ID.UTF-8
cat > dup.rules <<'RULES'
izin any izin ijin
izin any "izin usaha"
arsip any arsip arsip
sktm fuzzy SKTM
RULES
arc-tag --lint -r dup.rules
echo "exit $?"
printf 'bad line\nizin sometimes izin\n' > bad.rules
arc-tag --lint -r bad.rules
echo "exit $?"
arc-tag --lint -r missing.rules
echo "exit $?"
echo '{"path":"surat.txt","text":"Perihal: Permohonan izin usaha"}' |
    arc-tag -r dup.rules --explain
echo "exit $?"
printf '\211PNG\r\n\032\n' > pindaian.png
arc-tag -r dup.rules pindaian.png
echo "exit $?"
arc-tag --help | head -3
