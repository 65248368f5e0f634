#!/usr/bin/env python3
"""corpus.py DIR QUERIES [TYPOS]: documents for comparing the two back ends, cut
from the project's own Indonesian text (the Indonesian man pages and the
shipped answer files): each paragraph of 12 words or more a text file in
DIR; and QUERIES, one a line, taken from their words by how many
documents hold them (common, middle, rare; one to three words), with a
phrase, an excluded word, a tag filter and an OCR misreading; and TYPOS,
words of a few documents mistyped (a letter left out, two swapped, two
left out), for "did you mean"."""
import collections
import os
import re
import sys

out, queries = sys.argv[1], sys.argv[2]
root = os.environ["ARC_TESTS"] + "/.."
texts = []
for folder, suffix in (("man/id", ""), ("share/faq", ".faq")):
    for name in sorted(os.listdir(os.path.join(root, folder))):
        if not name.endswith(suffix):
            continue
        with open(os.path.join(root, folder, name), encoding="utf-8") as f:
            lines = []
            for line in f:
                line = line.rstrip("\n")
                # mdoc macros and comments out, their words kept.
                if line.startswith(".\\\""):
                    continue
                line = re.sub(r"^\.[A-Z][a-z]?\s*", "", line)
                line = re.sub(r"^[#|]\s*", "", line)
                if not line.strip():
                    if lines:
                        texts.append(" ".join(lines))
                    lines = []
                else:
                    lines.append(line.strip())
            if lines:
                texts.append(" ".join(lines))
docs = [t for t in texts if len(t.split()) >= 12]
os.makedirs(out, exist_ok=True)
df = collections.Counter()
for i, t in enumerate(docs):
    with open(os.path.join(out, "%04d.txt" % i), "w", encoding="utf-8") as f:
        f.write(t + "\n")
    df.update(set(w for w in re.findall(r"[a-z]{4,}", t.lower())))
ranked = [w for w, _ in sorted(df.items(), key=lambda x: (-x[1], x[0]))]
n = len(ranked)
picks = [ranked[i] for i in range(0, n, max(1, n // 40))]
qs = list(picks)
qs += ["%s %s" % (picks[i], picks[-1 - i]) for i in range(10)]
qs += ["%s %s %s" % (picks[i], picks[i + 5], picks[i + 10])
       for i in range(10)]
qs += ['"%s"' % " ".join(docs[7].split()[2:4]),
       "%s -%s" % (ranked[0], ranked[1]),
       "%s tag:kependudukan" % ranked[3]]
misread = next(w for w in ranked[n // 3:] if "l" in w)
qs.append(misread.replace("l", "I", 1))
with open(queries, "w", encoding="utf-8") as f:
    f.write("\n".join(qs) + "\n")
if len(sys.argv) > 3:
    # Words of 6 letters or more in 2 to 20 documents, every 7th of them.
    some = [w for w in ranked if len(w) >= 6 and 2 <= df[w] <= 20][::7]
    typos = []
    for i, w in enumerate(some[:60]):
        if i % 3 == 0:
            typos.append(w[:3] + w[4:])
        elif i % 3 == 1:
            typos.append(w[:2] + w[3] + w[2] + w[4:])
        else:
            typos.append(w[:4] + w[5:-1] if len(w) >= 8 else w[:-1])
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        f.write("\n".join(typos) + "\n")
# How many: not printed, as the corpus follows the man pages' text.
