# --lint warns of rules that duplicate or can never add to another: exit 1.
cat > dup.rules <<'RULES'
izin any izin ijin
izin any "izin usaha"
izin all usaha izin
izin any izin ijin
arsip any arsip arsip
sktm fuzzy SKTM
RULES
arc-tag --lint -r dup.rules
