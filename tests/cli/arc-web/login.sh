# arc-web: log-in refused (a wrong password, an account outside the
# archive's group, no form token) and accepted, search, a document opened
# (the archived copy's bytes), paths outside the archive refused, markup
# in a document's title, tags, number, file name and text shown escaped,
# the reports, log-out, and a session ended after --idle seconds unused
# (http-client.py).  Accounts can be made only by root: skipped otherwise.
. "$ARC_TESTS/cli/accounts.inc"
. "$ARC_TESTS/cli/letters.inc"
clerk=arcweb$$ outsider=arcout$$ grp=arcwebg$$
add_group "$grp" && add_user "$clerk" -G "$grp" && add_user "$outsider" ||
    exit 2
cat >'surat/"><img src=x onerror=alert(3)>.txt' <<'TXT'
PENGUMUMAN <script>alert(1)</script>
Perihal : Pengumuman <script>alert(1)</script> "><img src=x onerror=alert(2)>
Isi pengumuman <script>alert(5)</script> tentang jam pelayanan.
Cibinong, 1 Desember 2026
TXT
arc-scan -r surat | arc-ocr -j 1 | arc-tag -j 1 |
    jq -c 'if (.path | test("img")) then .tags += ["<script>tag</script>",
        "\"><img onerror=alert(4)>"] | .fields.nomor = "<b>1</b>\"'"'"'"
        else . end' | arc-index --db arsip.db
# A failure, for the reports' table: its retry and date in Indonesian.
echo '{"sha256": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", "path": "surat/rusak.jpg", "error": {"stage": "ocr", "message": "not an image or PDF"}}' |
    arc-index --db arsip.db -q
chgrp "$grp" arsip.db
echo "-- users"
printf 'rahasia-kantor\n' | arc-web --users users --add-user "$clerk"
echo "exit $?"
printf 'rahasia-kantor\n' | arc-web --users users --add-user "$outsider"
echo "exit $?"
printf 'ganti\n' | arc-web --users users --add-user "$clerk"
printf 'rahasia-kantor\n' | arc-web --users users --add-user "$clerk"
echo "exit $?"
printf 'x\n' | arc-web --users users --add-user nobody-here-$$ 2>&1 |
    sed "s/$$/PID/"
printf '' | arc-web --users users --add-user "$clerk"
echo "exit $?"
stat -c '%a' users
sed 's/:.*//' users | sed "s/$clerk/CLERK/; s/$outsider/OUTSIDER/"
cut -d: -f2 users | cut -c1-4 | sort -u
python3 "$ARC_TESTS/cli/arc-web/http-client.py" "$clerk" "$outsider" \
    rahasia-kantor 2>&1
