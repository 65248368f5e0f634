#!/usr/bin/python3
"""cer.py: character error rate of OCR output against ground truth.

  cer.py TRUTH_DIR < arc-ocr-output.jsonl
  cer.py TRUTH_DIR --plain OCR_DIR

Reads arc-ocr's JSON lines; for each record finds TRUTH_DIR/NAME.txt, NAME
being the record's path without folder and extension, and prints

  NAME  CER%  confidence rotation skew

then a summary line. With --plain it reads no JSON: for every NAME.txt in
TRUTH_DIR it takes OCR_DIR/NAME.txt as the OCR text, so that plain Tesseract
can be measured on the same pages; confidence, rotation and skew are then
shown as "-". For example:

  for f in SCANS/*.png SCANS/*.jpg SCANS/*.tif; do
      n=$(basename "${f%.*}")
      OMP_THREAD_LIMIT=1 tesseract "$f" - -l ind+eng > OUT/$n.txt
  done
  cer.py SCANS --plain OUT

Both texts are normalised before comparing: every run of white space (new
lines and form feeds included) becomes one space, and the ends are
stripped. Case and punctuation are kept: ';' read as ':' is an error, as it
is for a reader. CER = Levenshtein distance / characters of the truth. A
record with an "error", or whose truth has no OCR text at all (--plain),
counts as 100%.

Options:
  --max PERCENT   exit 1 if any document's CER is above PERCENT (says which)
  --json          one JSON object per document instead of the table
  --diff          after each line, the words that differ (truth -> OCR)

Needs only Python 3; the edit distance is Hyyro's bit-parallel form of
Myers' algorithm on Python's big integers, exact and some hundred times
faster than the textbook table on pages of a few thousand characters.
"""

import argparse
import difflib
import json
import os
import re
import signal
import sys

WS = re.compile(r"\s+")


def normalise(text):
    return WS.sub(" ", text).strip()


def levenshtein(a, b):
    """Edit distance (insert, delete, substitute, each costing 1).

    Bit-parallel (Myers 1999, Hyyro 2001): bit i of the vectors holds the
    vertical difference D[i+1][j] - D[i][j] of the DP column for a's i-th
    character, so one column costs a dozen operations on len(a)-bit
    integers instead of len(a) Python steps."""
    if len(a) < len(b):
        a, b = b, a             # fewer columns: the loop runs over b
    m = len(a)
    if m == 0 or not b:
        return m
    peq = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        # Row 0 of the table is 0, 1, 2...: a +1 enters at the bottom.
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def levenshtein_table(a, b):
    """The textbook two-row table: slow, kept to check the fast one."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1,
                           prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def word_diff(truth, ocr):
    """The differing stretches, word by word, as 'truth -> ocr' strings."""
    t, o = truth.split(" "), ocr.split(" ")
    out = []
    sm = difflib.SequenceMatcher(None, t, o, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            out.append(f"{' '.join(t[i1:i2]) or '(none)'}  ->  "
                       f"{' '.join(o[j1:j2]) or '(none)'}")
    return out


def name_of(path):
    return os.path.splitext(os.path.basename(path))[0]


def read_truth(truth_dir, name):
    path = os.path.join(truth_dir, name + ".txt")
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return None


def from_json(stream):
    """(name, ocr text or None, error, page details) per arc-ocr record."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as e:
            sys.exit(f"cer: line {lineno}: not JSON: {e}")
        pages = (rec.get("ocr") or {}).get("pages") or []
        err = rec.get("error")
        if isinstance(err, dict):
            err = err.get("message") or json.dumps(err)
        yield (name_of(rec.get("path", f"line-{lineno}")),
               None if err else rec.get("text", ""), err, pages)


def from_plain(truth_dir, ocr_dir):
    for fn in sorted(os.listdir(truth_dir)):
        if not fn.endswith(".txt"):
            continue
        name = fn[:-4]
        text = read_truth(ocr_dir, name)
        yield (name, text, None if text is not None else
               f"no {os.path.join(ocr_dir, fn)}", [])


def details(pages, key, fmt):
    """One page's value, or the pages' values joined by commas."""
    vals = [p.get(key) for p in pages]
    if not vals or all(v is None for v in vals):
        return "-"
    return ",".join("-" if v is None else fmt(v) for v in vals)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        epilog="See the top of this file for details.")
    ap.add_argument("truth_dir")
    ap.add_argument("--plain", metavar="OCR_DIR",
                    help="read OCR_DIR/NAME.txt instead of JSON on stdin")
    ap.add_argument("--max", type=float, metavar="PERCENT",
                    help="exit 1 if any document's CER is above PERCENT")
    ap.add_argument("--json", action="store_true",
                    help="print one JSON object per document")
    ap.add_argument("--diff", action="store_true",
                    help="print the words that differ under each document")
    args = ap.parse_args()
    # Piped into head or less: stop quietly, as other filters do.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)

    records = (from_plain(args.truth_dir, args.plain) if args.plain
               else from_json(sys.stdin))
    results = []
    for name, text, err, pages in records:
        raw = read_truth(args.truth_dir, name)
        if raw is None:
            print(f"cer: {name}: no truth file "
                  f"{os.path.join(args.truth_dir, name + '.txt')}; skipped",
                  file=sys.stderr)
            continue
        truth = normalise(raw)
        if err is not None:
            dist, cer, ocr = len(truth), 100.0, ""
        else:
            ocr = normalise(text)
            dist = levenshtein(truth, ocr)
            cer = 100.0 * dist / max(1, len(truth))
        r = {"name": name, "cer": cer, "distance": dist,
             "chars": len(truth), "ocr_chars": len(ocr),
             "confidence": [p.get("confidence") for p in pages],
             "rotation": [p.get("rotation") for p in pages],
             "skew": [p.get("skew") for p in pages],
             "cleaned": [p.get("cleaned") for p in pages]}
        if err is not None:
            r["error"] = err
        results.append(r)
        if args.json:
            print(json.dumps(dict(r, cer=round(cer, 3)), ensure_ascii=False))
            continue
        print(f"{name:26s} {cer:7.2f}%  "
              f"{details(pages, 'confidence', str):>5s} "
              f"{details(pages, 'rotation', str):>4s} "
              f"{details(pages, 'skew', lambda v: f'{v:.2f}'):>6s}"
              + (f"  error: {err}" if err is not None else ""))
        if args.diff and err is None:
            for d in word_diff(truth, ocr):
                print(f"    {d}")

    if not results:
        sys.exit("cer: no document to compare")
    total = sum(r["distance"] for r in results)
    chars = sum(r["chars"] for r in results)
    failed = sum(1 for r in results if "error" in r)
    worst = max(results, key=lambda r: r["cer"])
    mean = sum(r["cer"] for r in results) / len(results)
    summary = (f"{len(results)} documents, {chars} characters, {total} "
               f"errors: CER {100.0 * total / max(1, chars):.2f}% overall, "
               f"mean {mean:.2f}%, worst {worst['cer']:.2f}% "
               f"({worst['name']}), {failed} not read")
    # With --json stdout stays pure JSON lines; the summary goes to stderr.
    print(summary, file=sys.stderr if args.json else sys.stdout)

    if args.max is not None:
        over = [r for r in results if r["cer"] > args.max]
        for r in over:
            print(f"cer: {r['name']}: CER {r['cer']:.2f}% is above "
                  f"{args.max:g}%", file=sys.stderr)
        if over:
            sys.exit(1)


if __name__ == "__main__":
    main()
