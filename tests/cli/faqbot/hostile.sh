# Hostile input: very long lines and questions are cut with a message,
# NUL and control characters, invalid UTF-8, empty lines and bad JSON never
# break the output, which stays one valid JSON record per question.
. "$ARC_TESTS/cli/faqbot/kb.inc"
python3 - >hostile.txt <<'END'
import sys
out = sys.stdout.buffer
out.write(b"ktp " + b"hilang " * 20000 + b"\n")          # 140 KB line
out.write(b"syarat " * 200 + b"ktp\n")                     # 1.4 KB question
out.write(b"ktp\x00ilang\x01\x1b[31m gmn\n")
out.write(b"jam \xff\xfe buka \xc3\n")
out.write(b"\n   \n\r\n")
out.write(b'{"q": "ktp ilang", "session": "x"\n')
out.write(b'{"q": 42}\n')
out.write(b'["ktp"]\n')
out.write(b'{"q": "jam buka\\u0000 \\u001b", "session": "\\u0007s"}\n')
out.write(b"last line without newline ktp hilang")
END
faq hostile.txt >out.jsonl
echo "exit $?"
python3 - <<'END'
import json
for line in open("out.jsonl", "rb"):
    r = json.loads(line)
    print(len(r["q"]), r["status"], r["id"], repr(r["q"][:40]), repr(r["session"]) if r["session"] in ("x", " s") else "")
END
echo "an empty JSON question still gets its record; a NIK as session is masked:"
printf '%s\n' '{"q": ""}' '{"q": "ktp", "session": "3201 2345 6789 0001"}' | faq | sed 's/"time":"[^"]*"/"time":"T"/; s/"session":"[0-9]*-[0-9]*"/"session":"RUN"/'
