#!/usr/bin/python3
"""make-scans.py: renders the hard OCR test set, pages scanned badly.

share/samples/ holds pages the way a careful clerk scans them: straight,
clean, white. Real archives are not like that. Paper goes into the feeder
askew or sideways, gets put on the glass upside down, has yellowed for twenty
years in a box, was photocopied to gray, or is scanned with dust on the
glass. This script draws the same documents as make-samples.py (imported, so
the texts and the layout stay one) and spoils each page in one such way, to
measure how well arc-ocr reads what an office really has.

Every case is one page: OUTDIR/NAME.EXT is the image and OUTDIR/NAME.txt the
text drawn on it, one line per drawn line, as make-samples.py --truth writes
it. tests/tools/cer.py compares arc-ocr's output with those texts.

Angles follow Pillow: a positive skew turns the page counter-clockwise. A
"rotated N" page is one turned N degrees clockwise, as if fed that way; the
reader must turn it back by 360 - N.

The output is deterministic (fixed seeds, no timestamps), so two runs give
the same bytes with the same Pillow, zlib and libjpeg.

Needs Debian's python3-pil and fonts-dejavu-core, and nothing else (no numpy):
  tests/tools/make-scans.py OUTDIR
  tests/tools/make-scans.py --list
"""

import argparse
import ctypes
import importlib.util
import io
import os
import random
import sys

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_BYTES = 500 * 1024       # a test set that stays small enough to commit


def _load_samples():
    # The file name has a hyphen, so it cannot be imported by name.
    spec = importlib.util.spec_from_file_location(
        "make_samples", os.path.join(HERE, "make-samples.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ms = _load_samples()
DPI, W, H = ms.DPI, ms.W, ms.H


# ---------------------------------------------------------------------------
# Pages. Each is drawn exactly as make-samples.py draws it (same seed, so the
# same signature strokes), on white paper; the cases then age, tint or
# darken the paper themselves.

_laid = {}


def pages_of(stem):
    if stem not in _laid:
        for n, (s, blocks, _) in enumerate(ms.DOCUMENTS):
            if s == stem:
                _laid[stem] = (n, ms.paginate(blocks))
                break
        else:
            raise KeyError(stem)
    return _laid[stem]


def page(stem, pageno=1, paper=255):
    """The page drawn in gray, and its truth lines."""
    n, pages = pages_of(stem)
    p = pages[pageno - 1]
    img = ms.render(p, paper, ms.SEED + 100 * n + pageno - 1)
    truth = [t for _, ln in p for t in ln.truth]
    return img, truth


# ---------------------------------------------------------------------------
# What goes wrong between the paper and the file.

def tilt(img, deg, fill):
    """Paper lying askew on the glass. expand=True: a scanner's bed is larger
    than A4, so no corner of the text is lost, and the new corners show the
    paper's colour rather than black, as a scanner's auto-crop leaves them."""
    return img.rotate(deg, resample=Image.BICUBIC, expand=True,
                      fillcolor=fill)


def turn(img, clockwise):
    """A page fed sideways or upside down: a lossless quarter turn."""
    return img.transpose({90: Image.Transpose.ROTATE_270,
                          180: Image.Transpose.ROTATE_180,
                          270: Image.Transpose.ROTATE_90}[clockwise])


def soften(img):
    """A scanner's optics: no edge is as sharp as the font's outline."""
    return img.filter(ImageFilter.GaussianBlur(1.0))


def threshold(img):
    """Black-and-white mode: the scanner thresholds after it has seen the
    tilted, softened page, so skewed strokes come out ragged."""
    return ms.scan_bw(img)


def seed_c_rand(seed):
    """Image.effect_noise draws from the C library's rand(); seeding it makes
    the noise the same on every run whatever ran before it in the process.
    Where libc cannot be reached the noise is still plausible, just not
    reproducible byte for byte."""
    try:
        ctypes.CDLL(None).srand(ctypes.c_uint(seed))
    except (OSError, AttributeError):
        pass


def sensor_noise(img, sigma, seed):
    """Gaussian noise of a cheap sensor at a high gain: effect_noise gives
    gray 128 +- sigma, added around zero."""
    seed_c_rand(seed)
    noise = Image.effect_noise(img.size, sigma)
    return ImageChops.add(img, noise, scale=1.0, offset=-128)


def blotches(size, cells, lo, hi, rng):
    """A smooth, uneven field between lo and hi: a coarse grid of random
    levels blown up with bicubic interpolation, the way damp and light
    stain paper over years, never in straight lines."""
    cw, ch = cells, max(2, round(cells * size[1] / size[0]))
    small = Image.new("L", (cw, ch))
    small.putdata([rng.randint(lo, hi) for _ in range(cw * ch)])
    return small.resize(size, Image.BICUBIC)


def age(img, rng):
    """Twenty years in a box: cream paper, a darker rim, brown water stains
    and toner faded to a brownish gray."""
    # Ink and paper colours: the toner no longer reaches black.
    rgb = ImageOps.colorize(img, black=(78, 66, 52), white=(242, 230, 196))
    # Light and uneven: a broad blotchy field ...
    field = blotches(img.size, 9, 205, 255, rng)
    # ... a few rings where a cup or a drop of water stood ...
    stains = Image.new("L", img.size, 255)
    d = ImageDraw.Draw(stains)
    for _ in range(4):
        r = rng.randint(120, 320)
        x, y = rng.randint(0, img.size[0]), rng.randint(0, img.size[1])
        d.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(215, 235))
        d.ellipse([x - r, y - r, x + r, y + r], outline=rng.randint(175, 195),
                  width=rng.randint(10, 22))
    stains = stains.filter(ImageFilter.GaussianBlur(14))
    # ... and edges browned by air, strongest at the corners.
    edge = Image.new("L", (64, 90), 255)
    ImageDraw.Draw(edge).rectangle([0, 0, 63, 89], outline=200, width=2)
    edge = edge.filter(ImageFilter.GaussianBlur(3)).resize(img.size,
                                                          Image.BICUBIC)
    shade = ImageChops.multiply(ImageChops.multiply(field, stains), edge)
    # Yellowing is strongest in the blue channel: tint the shade that way.
    tint = Image.merge("RGB", (
        shade,
        shade.point(lambda v: 255 - (255 - v) * 6 // 5),
        shade.point(lambda v: 255 - (255 - v) * 8 // 5)))
    return ImageChops.multiply(rgb, tint)


def dust(img, count, seed):
    """Dust and toner flecks on the glass of a black-and-white scan: black
    specks of one to a few pixels, a few larger ones, and white pin holes
    where the threshold dropped a bit of a stroke (salt and pepper)."""
    rng = random.Random(seed)
    out = img.copy()
    d = ImageDraw.Draw(out)
    w, h = out.size
    for _ in range(count):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice((0, 0, 0, 1, 1, 2)) if rng.random() > 0.02 else 4
        if r == 0:
            d.point((x, y), fill=0)
        else:
            d.ellipse([x - r, y - r, x + r, y + r], fill=0)
    for _ in range(count // 2):
        x, y = rng.randrange(w), rng.randrange(h)
        d.point((x, y), fill=255)
    return out


def contrast(img, ink, paper):
    """A photocopy of a photocopy: every level squeezed between ink and
    paper."""
    return img.point(lambda v: ink + (paper - ink) * v // 255)


# ---------------------------------------------------------------------------
# Files as scanners write them.

def png(img):
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True, dpi=(DPI, DPI))
    return buf.getvalue()


def jpeg(img, quality=75):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True, dpi=(DPI, DPI))
    return buf.getvalue()


def tiff_g4(img):
    buf = io.BytesIO()
    img.save(buf, "TIFF", compression="group4", dpi=(DPI, DPI))
    return buf.getvalue()


# ---------------------------------------------------------------------------
# The cases: name, description, and a function giving (extension, bytes,
# truth lines). Each spoils a different page where there are enough pages;
# the ones used twice are spoiled in unlike ways.

def clean_bw():
    img, truth = page("undangan-rapat-koordinasi")
    return "png", png(threshold(img)), truth


def skew_pos_gray():
    img, truth = page("nota-dinas-umum", paper=244)
    return "jpg", jpeg(tilt(soften(img), 2.5, 244)), truth


def skew_neg_gray():
    img, truth = page("sk-camat-tim-pelayanan", 1, paper=246)
    return "jpg", jpeg(tilt(soften(img), -4.0, 246)), truth


def skew_bw():
    img, truth = page("surat-keterangan-domisili")
    return "tif", tiff_g4(threshold(tilt(soften(img), 3.5, 255))), truth


def rot90_gray():
    img, truth = page("pengaduan-warga", paper=248)
    # ms.png_bytes: 16 gray levels, as a scanner's text mode saves them.
    return "png", ms.png_bytes(turn(soften(img), 90)), truth


def rot180_bw():
    img, truth = page("sk-camat-tim-pelayanan", 2)
    return "tif", tiff_g4(turn(threshold(soften(img)), 180)), truth


def rot270_gray():
    img, truth = page("surat-lsm-inggris", paper=246)
    return "jpg", jpeg(turn(soften(img), 270)), truth


def aged_rgb():
    img, truth = page("pengaduan-warga")
    rgb = age(soften(img), random.Random(ms.SEED + 8))
    # Corners filled with the clean cream of the paper; quality 70 keeps a
    # colour page under 500 KB.
    return "jpg", jpeg(tilt(rgb, 1.5, (236, 222, 182)), 70), truth


def noisy_jpeg():
    img, truth = page("surat-keterangan-domisili", paper=240)
    # sigma 10 and quality 25: blocks and ringing plainly visible round
    # every stroke, and noise no file under 500 KB can carry more of.
    img = sensor_noise(soften(img), 10, ms.SEED + 9)
    return "jpg", jpeg(img, 25), truth


def speckle_bw():
    img, truth = page("nota-dinas-umum")
    return "png", png(dust(threshold(soften(img)), 6000, ms.SEED + 10)), truth


def low_contrast():
    img, truth = page("sk-camat-tim-pelayanan", 1)
    return "jpg", jpeg(contrast(soften(img), 125, 192), 80), truth


CASES = [
    ("clean-bw", "invitation, straight and clean, 1-bit PNG (the baseline)",
     clean_bw),
    ("skew-pos-2.5-gray", "memo askew +2.5 deg, gray JPEG", skew_pos_gray),
    ("skew-neg-4-gray", "decree page 1 askew -4 deg, gray JPEG",
     skew_neg_gray),
    ("skew-3.5-bw", "domicile form askew 3.5 deg, 1-bit TIFF G4", skew_bw),
    ("rot90-gray", "complaint fed sideways (90 deg clockwise), gray PNG",
     rot90_gray),
    ("rot180-bw", "decree page 2 upside down, 1-bit TIFF G4", rot180_bw),
    ("rot270-gray", "English letter fed sideways (270 deg clockwise), "
     "gray JPEG", rot270_gray),
    ("aged-rgb", "complaint on yellowed, stained paper, faded ink, "
     "askew 1.5 deg, RGB JPEG", aged_rgb),
    ("noisy-q25", "domicile form with sensor noise, JPEG quality 25",
     noisy_jpeg),
    ("speckle-bw", "memo with dust specks and pin holes, 1-bit PNG",
     speckle_bw),
    ("low-contrast", "decree page 1 in gray ink on gray paper, gray JPEG",
     low_contrast),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir", nargs="?", help="where the scans go")
    ap.add_argument("--list", action="store_true",
                    help="print the cases and what each one is")
    args = ap.parse_args()
    if args.list:
        for name, desc, _ in CASES:
            print(f"{name:20s}  {desc}")
        return
    if not args.outdir:
        ap.error("OUTDIR is needed (or --list)")

    os.makedirs(args.outdir, exist_ok=True)
    too_big = []
    for name, _, make in CASES:
        ext, data, truth = make()
        path = os.path.join(args.outdir, f"{name}.{ext}")
        with open(path, "wb") as f:
            f.write(data)
        with open(os.path.join(args.outdir, name + ".txt"), "w",
                  encoding="utf-8") as f:
            f.write("\n".join(truth) + "\n")
        print(f"{len(data):9d}  {path}")
        if len(data) > MAX_BYTES:
            too_big.append(path)
    if too_big:
        sys.exit("make-scans: over %d bytes: %s" % (MAX_BYTES,
                                                    ", ".join(too_big)))


if __name__ == "__main__":
    main()
