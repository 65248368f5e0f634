#!/usr/bin/python3
"""make-samples.py: renders the sample scans in share/samples/.

The samples are what `arc` is first run on: five short office documents of a
kecamatan in Indonesia and one English letter from a foundation, drawn as A4
pages at 300 dpi in DejaVu Serif (48 px, about 11.5 pt) and saved the way
office scanners save them:

  undangan-rapat-koordinasi.png   invitation to a meeting, 1-bit PNG
  sk-camat-tim-pelayanan.tif      decree of the Camat, 2 pages, 1-bit CCITT G4
  surat-keterangan-domisili.pdf   filled-in domicile certificate, 1-bit PDF
  surat-lsm-inggris.jpg           English letter from a foundation, gray JPEG
  arsip-2026-11.zip               a zip holding two more documents:
    nota-dinas-umum.jpg           internal memo, gray JPEG, scanned 1.5 deg askew
    pengaduan-warga.png           citizen's complaint, gray PNG (16 levels)

Every name, number, address and NIK in them is made up; NIK and NIP follow
the real layout (16 and 18 digits) with values that are plainly fictional.

With --truth DIR the text of each document is also written to DIR/STEM.txt
(UTF-8, one line per line drawn on the page, pages one after another, words
separated by single spaces; column gaps are drawn wider than one space) for
OCR accuracy tests. The texts are never put in share/samples, where every
file is scanned as a document.

The output is deterministic: a fixed seed, no timestamps in PNG, TIFF or PDF,
and a fixed date in the zip, so running it again gives the same bytes with
the same Pillow and zlib.

Needs Debian's python3-pil and fonts-dejavu-core:
  apt-get install -y python3-pil fonts-dejavu-core
Run from anywhere (--out defaults to share/samples beside tests/):
  tests/tools/make-samples.py [--out DIR] [--truth DIR]
"""

import argparse
import io
import math
import os
import random
import sys
import zipfile

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

DPI = 300
W, H = 2480, 3508                 # A4 at 300 dpi
LEFT, RIGHT = 300, W - 250        # 2.5 cm and 2.1 cm margins
TOP, BOTTOM = 230, H - 260
SIGX = 1380                       # left edge of a signature block
SIZE = 48                         # body text, about 11.5 pt
INK = 22                          # gray level of the toner
BW_THRESHOLD = 150                # gray above which black-and-white is white
SEED = 20261109

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONT_FILES = {
    "r": "DejaVuSerif.ttf",
    "b": "DejaVuSerif-Bold.ttf",
    "i": "DejaVuSerif-Italic.ttf",
    "s": "DejaVuSans.ttf",
    "sb": "DejaVuSans-Bold.ttf",
}
_fonts = {}


def font(key, size):
    if (key, size) not in _fonts:
        _fonts[key, size] = ImageFont.truetype(
            os.path.join(FONT_DIR, FONT_FILES[key]), size)
    return _fonts[key, size]


def width(text, key="r", size=SIZE):
    return font(key, size).getlength(text)


def lh(size=SIZE):
    return round(size * 1.32)


# ---------------------------------------------------------------------------
# Layout. A document is a list of blocks; each block turns into Lines. A Line
# has a height, drawing items placed relative to its top, and the text lines
# it contributes to the ground truth. Lines of a block marked `keep` stay on
# one page.


class Line:
    def __init__(self, height, items=(), truth=()):
        self.height = height
        self.items = list(items)
        self.truth = list(truth)


def text_item(x, text, key="r", size=SIZE, underline=False, dy=None):
    """A run of text; its baseline sits dy below the top of its Line."""
    return ("t", x, size if dy is None else dy, text, key, size, underline)


def wrap(words, first_width, rest_width, key="r", size=SIZE):
    """Greedy word wrap; returns lists of words."""
    lines, cur = [], []
    limit = first_width
    for w in words:
        trial = " ".join(cur + [w])
        if cur and width(trial, key, size) > limit:
            lines.append(cur)
            cur, limit = [w], rest_width
        else:
            cur.append(w)
    if cur:
        lines.append(cur)
    return lines


def words_item(x, words, avail, key="r", size=SIZE, justify=False):
    """Items drawing words from x; justified to avail pixels if asked."""
    line = " ".join(words)
    if not justify or len(words) < 2:
        return [text_item(x, line, key, size)]
    ws = [width(w, key, size) for w in words]
    gap = (avail - sum(ws)) / (len(words) - 1)
    items, pos = [], x
    for w, wlen in zip(words, ws):
        items.append(text_item(round(pos), w, key, size))
        pos += wlen + gap
    return items


class Block:
    keep = False

    def lines(self):
        raise NotImplementedError


class Space(Block):
    def __init__(self, px):
        self.px = px

    def lines(self):
        return [Line(self.px)]


class Center(Block):
    def __init__(self, text, key="r", size=SIZE, underline=False):
        self.text, self.key, self.size, self.underline = text, key, size, underline

    def lines(self):
        x = round((LEFT + RIGHT - width(self.text, self.key, self.size)) / 2)
        return [Line(lh(self.size),
                     [text_item(x, self.text, self.key, self.size, self.underline)],
                     [self.text])]


class Text(Block):
    """One unwrapped line at x (offset from the left margin)."""

    def __init__(self, text, x=0, key="r", size=SIZE, underline=False):
        self.text, self.x, self.key, self.size = text, x, key, size
        self.underline = underline

    def lines(self):
        x = LEFT + self.x
        if x + width(self.text, self.key, self.size) > RIGHT:
            raise ValueError(f"line too wide: {self.text!r}")
        return [Line(lh(self.size),
                     [text_item(x, self.text, self.key, self.size, self.underline)],
                     [self.text])]


class Para(Block):
    """A justified paragraph from x, its first line indented by first."""

    def __init__(self, text, x=0, first=0, key="r", justify=True):
        self.text, self.x, self.first, self.key = text, x, first, key
        self.justify = justify

    def lines(self):
        left = LEFT + self.x
        avail = RIGHT - left
        rows = wrap(self.text.split(), avail - self.first, avail, self.key)
        out = []
        for i, words in enumerate(rows):
            x = left + (self.first if i == 0 else 0)
            last = i == len(rows) - 1
            out.append(Line(lh(), words_item(x, words, RIGHT - x, self.key,
                                             justify=self.justify and not last),
                            [" ".join(words)]))
        return out


class Row(Block):
    """Fixed columns [(x, text, key)], the last one wrapped with a hanging
    indent: form fields ("Nama : ..."), numbered items, Menimbang rows."""

    def __init__(self, cols, justify=True):
        self.cols, self.justify = cols, justify

    def lines(self):
        fixed, (lx, ltext, lkey) = self.cols[:-1], self.cols[-1]
        left = LEFT + lx
        rows = wrap(ltext.split(), RIGHT - left, RIGHT - left, lkey)
        out = []
        for i, words in enumerate(rows):
            items = []
            truth = []
            if i == 0:
                for x, t, k in fixed:
                    items.append(text_item(LEFT + x, t, k))
                    truth.append(t)
            last = i == len(rows) - 1
            items += words_item(left, words, RIGHT - left, lkey,
                                justify=self.justify and not last)
            truth.append(" ".join(words))
            out.append(Line(lh(), items, [" ".join(truth)]))
        return out


def field(label, value, cx=430, x=0, vkey="r", lkey="r"):
    """label at x, a colon at cx, the value after it."""
    return Row([(x, label, lkey), (cx, ":", "r"), (cx + 40, value, vkey)],
               justify=False)


def item(marker, text, x=0, tx=None, key="r", justify=True):
    """A numbered or lettered item with a hanging indent."""
    return Row([(x, marker, key), (x + 70 if tx is None else tx, text, key)],
               justify=justify)


class Group(Block):
    """Blocks kept on one page."""
    keep = True

    def __init__(self, *blocks):
        self.blocks = blocks

    def lines(self):
        return [ln for b in self.blocks for ln in b.lines()]


class Signature(Block):
    """Closing lines, a space with a hand signature, the name underlined and
    the lines under it, all starting at x."""
    keep = True

    def __init__(self, above, name, below=(), x=SIGX, seed=0, name_key="b"):
        self.above, self.name, self.below = above, name, below
        self.x, self.seed, self.name_key = x, seed, name_key

    def lines(self):
        out = [Line(lh(), [text_item(self.x, t)], [t]) for t in self.above]
        out.append(Line(190, [("sig", self.x + 60, 470, 170, self.seed)]))
        out.append(Line(lh(), [text_item(self.x, self.name, self.name_key,
                                         underline=True)], [self.name]))
        out += [Line(lh(), [text_item(self.x, t)], [t]) for t in self.below]
        return out


class Letterhead(Block):
    """Kop surat: an emblem, centred lines, and a thick and a thin rule."""

    def __init__(self, lines, emblem=True):
        self.rows = lines      # (text, key, size)
        self.emblem = emblem

    def lines(self):
        items, truth, y = [], [], 0
        cx = (LEFT + 250 + RIGHT) / 2 if self.emblem else (LEFT + RIGHT) / 2
        for text, key, size in self.rows:
            y += round(size * 1.22)
            items.append(text_item(round(cx - width(text, key, size) / 2),
                                   text, key, size, dy=y))
            truth.append(text)
        y += 34
        if self.emblem:
            items.insert(0, ("emblem", LEFT - 20, 6, 225, y - 30))
        items.append(("hr", LEFT - 40, RIGHT + 40, y, 9))
        items.append(("hr", LEFT - 40, RIGHT + 40, y + 17, 3))
        return [Line(y + 60, items, truth)]


class Rule(Block):
    """A thin rule across the text, as under the heading of a nota dinas."""

    def lines(self):
        return [Line(12, [("hr", LEFT, RIGHT, 2, 4)])]


def paginate(blocks):
    """Splits the blocks' Lines into pages; pages after the first get the
    page number at the top, as Indonesian official letters do."""
    pages = [[]]
    y = TOP

    def new_page():
        nonlocal y
        pages.append([])
        y = TOP
        num = f"- {len(pages)} -"
        header = Center(num).lines()[0]
        pages[-1].append((y, header))
        y += header.height + 40

    for block in blocks:
        lines = block.lines()
        if block.keep and y + sum(ln.height for ln in lines) > BOTTOM:
            new_page()
        for ln in lines:
            if y + ln.height > BOTTOM:
                new_page()
            if isinstance(block, Space) and y == TOP:
                continue
            pages[-1].append((y, ln))
            y += ln.height
    return pages


# ---------------------------------------------------------------------------
# Drawing.


def draw_signature(d, x, y, w, h, rng):
    """A hand signature inside the box (x, y, w, h): a tall first stroke,
    a few loops of varying size in one line, and a flick underneath."""
    loops = rng.randint(3, 5)
    phase = rng.uniform(0, 2 * math.pi)
    pts = [(0.0, 1.0), (0.05, 0.0), (0.1, 0.55)]
    for i in range(1, 241):
        t = i / 240
        a = t * loops * 2 * math.pi
        amp = 0.25 + 0.1 * math.sin(t * 5 + phase)
        pts.append((0.1 + 0.72 * t + 0.05 * math.sin(a),
                    0.55 - amp * math.cos(a) + 0.15 * t))
    pts += [(0.9, 0.45), (0.3, 0.95), (1.0, 0.8)]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    d.line([(x + (px - x0) / (x1 - x0) * w, y + (py - y0) / (y1 - y0) * h)
            for px, py in pts], fill=60, width=5, joint="curve")


def draw_emblem(d, x, y, w, h):
    """A plain shield with a star and a row of rice and cotton marks."""
    cx = x + w / 2
    shield = [(x, y), (x + w, y), (x + w, y + h * 0.55), (cx, y + h),
              (x, y + h * 0.55)]
    d.polygon(shield, outline=INK, width=7)
    r1, r2, sy = w * 0.2, w * 0.08, y + h * 0.3
    star = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        r = r1 if k % 2 == 0 else r2
        star.append((cx + r * math.cos(a), sy + r * math.sin(a)))
    d.polygon(star, fill=INK)
    for k in range(5):
        bx = x + w * (0.22 + 0.14 * k)
        d.ellipse([bx - 9, y + h * 0.6 - 9, bx + 9, y + h * 0.6 + 9], fill=INK)


def render(page, paper, seed):
    img = Image.new("L", (W, H), paper)
    d = ImageDraw.Draw(img)
    rng = random.Random(seed)
    for top, ln in page:
        for it in ln.items:
            if it[0] == "t":
                _, x, dy, text, key, size, underline = it
                f = font(key, size)
                d.text((x, top + dy), text, font=f, fill=INK, anchor="ls")
                if underline:
                    uy = top + dy + round(size * 0.14)
                    d.line([(x, uy), (x + f.getlength(text), uy)], fill=INK,
                           width=max(3, size // 16))
            elif it[0] == "hr":
                _, x0, x1, dy, wd = it
                d.rectangle([x0, top + dy, x1, top + dy + wd - 1], fill=INK)
            elif it[0] == "sig":
                _, x, w, h, s = it
                draw_signature(d, x, top + 10, w, h, random.Random(seed * 31 + s))
            elif it[0] == "emblem":
                _, x, dy, w, h = it
                draw_emblem(d, x, top + dy, w, h)
    # A flatbed's uneven light: a faint shade towards the bottom edge.
    depth = rng.randint(4, 7)
    shade = Image.linear_gradient("L").resize((W, H)).point(
        lambda v: 255 - v * depth // 255)
    return ImageChops.multiply(img, shade)


def scan_gray(img, skew=0.0, paper=246):
    """What a scanner's gray mode gives: softened edges, a small tilt."""
    img = img.filter(ImageFilter.GaussianBlur(1.0))
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, fillcolor=paper)
    return img


def scan_bw(img, skew=0.0):
    """What a scanner's black-and-white mode gives: a hard threshold."""
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    return img.point(lambda v: 255 if v > BW_THRESHOLD else 0).convert(
        "1", dither=Image.Dither.NONE)


# ---------------------------------------------------------------------------
# The documents. Every person, number and address below is fictional.

KAB = "PEMERINTAH KABUPATEN BOGOR"
KOP_KEC = Letterhead([
    (KAB, "b", 58),
    ("KECAMATAN CIBINONG", "b", 72),
    ("Jalan Raya Sukamaju Nomor 17, Cibinong, Kabupaten Bogor 16911", "r", 40),
    ("Telepon (021) 555-0123, Pos-el: kecamatan.cibinong@contoh.go.id", "r", 40),
])
CAMAT = "Drs. HENDRA WIJAYAKUSUMA, M.Si."
CAMAT_BELOW = ["Pembina Tingkat I", "NIP 19720314 199303 1 006"]

UNDANGAN = [
    KOP_KEC,
    Space(30),
    Text("Cibinong, 9 Desember 2026", x=SIGX - LEFT),
    Space(20),
    field("Nomor", "005/123/Kec/2026", cx=260),
    field("Sifat", "Biasa", cx=260),
    field("Lampiran", "1 (satu) berkas", cx=260),
    field("Perihal", "Undangan Rapat Koordinasi", cx=260),
    Space(40),
    Text("Kepada"),
    Text("Yth. Para Lurah se-Kecamatan Cibinong"),
    Text("di"),
    Text("Tempat", x=90),
    Space(40),
    Para("Dalam rangka meningkatkan kualitas pelayanan administrasi "
         "kependudukan serta mempercepat penataan dan digitalisasi arsip di "
         "lingkungan Kecamatan Cibinong, dengan hormat kami mengundang "
         "Saudara untuk menghadiri rapat koordinasi yang akan dilaksanakan "
         "pada:", first=120),
    Space(10),
    field("hari, tanggal", "Rabu, 16 Desember 2026", x=120, cx=480),
    field("waktu", "pukul 09.00 WIB s.d. selesai", x=120, cx=480),
    field("tempat", "Aula Kantor Kecamatan Cibinong", x=120, cx=480),
    field("acara", "Evaluasi pelayanan KTP-el dan penataan arsip inaktif "
          "kelurahan Tahun 2026", x=120, cx=480),
    Space(10),
    Para("Mengingat pentingnya acara tersebut, Saudara diharapkan hadir tepat "
         "waktu dengan membawa rekapitulasi pelayanan administrasi "
         "kependudukan bulan November 2026 dan daftar arsip inaktif kelurahan "
         "sesuai dengan format terlampir. Apabila berhalangan, kehadiran "
         "dapat diwakilkan kepada Sekretaris Kelurahan.", first=120),
    Para("Demikian undangan ini kami sampaikan. Atas perhatian dan kehadiran "
         "Saudara, kami ucapkan terima kasih.", first=120),
    Space(30),
    Signature(["CAMAT CIBINONG,"], CAMAT, CAMAT_BELOW, seed=1),
    Space(30),
    Group(Text("Tembusan:"),
          item("1.", "Yth. Bupati Bogor (sebagai laporan);"),
          item("2.", "Yth. Kepala Dinas Kependudukan dan Pencatatan Sipil "
               "Kabupaten Bogor.")),
]

NOTA_DINAS = [
    KOP_KEC,
    Space(20),
    Center("NOTA DINAS", "b", 54, underline=True),
    Space(30),
    field("Kepada", "Yth. Camat Cibinong", cx=300),
    field("Dari", "Sekretaris Kecamatan Cibinong", cx=300),
    field("Tembusan", "Kepala Subbagian Umum dan Kepegawaian", cx=300),
    field("Tanggal", "20 November 2026", cx=300),
    field("Nomor", "045/318/Sekcam/2026", cx=300),
    field("Sifat", "Segera", cx=300),
    field("Lampiran", "1 (satu) berkas", cx=300),
    field("Hal", "Penataan Arsip Inaktif dan Rencana Alih Media Digital",
          cx=300),
    Space(6),
    Rule(),
    Space(30),
    item("1.", "Menindaklanjuti arahan Bapak pada apel pagi tanggal 16 "
         "November 2026, bersama ini kami laporkan hasil inventarisasi arsip "
         "inaktif di Subbagian Umum dan Kepegawaian Kecamatan Cibinong "
         "sebagai berikut:"),
    item("a.", "jumlah arsip inaktif tahun 2019 sampai dengan tahun 2023 "
         "sebanyak 214 boks, terdiri atas surat masuk, surat keluar, dan "
         "berkas pelayanan kependudukan;", x=70),
    item("b.", "sebanyak 37 boks berada dalam kondisi lembap dan sebagian "
         "lembarnya mulai rusak sehingga perlu segera dipindahkan ke ruang "
         "penyimpanan yang lebih layak; dan", x=70),
    item("c.", "arsip yang telah habis masa retensinya akan diusulkan untuk "
         "dimusnahkan sesuai dengan Jadwal Retensi Arsip yang berlaku.", x=70),
    Space(10),
    item("2.", "Sehubungan dengan hal tersebut, kami mengusulkan agar arsip "
         "yang masih memiliki nilai guna dialihmediakan ke dalam bentuk "
         "digital secara bertahap mulai Januari 2027 dengan melibatkan staf "
         "pelayanan dan operator komputer kecamatan. Rincian kebutuhan "
         "peralatan dan jadwal kegiatan tercantum dalam lampiran."),
    Space(10),
    item("3.", "Demikian kami sampaikan. Mohon arahan dan persetujuan Bapak."),
    Space(40),
    Signature(["Sekretaris Kecamatan,"], "RINA OKTAVIANI, S.Sos., M.AP.",
              ["Penata Tingkat I", "NIP 19800822 200501 2 011"], seed=2),
]

MEN = 330    # where the colon after Menimbang, Mengingat, KESATU... stands


def dasar(label, marker, text):
    """A Menimbang or Mengingat row; label is "" on the rows after the first."""
    cols = []
    if label:
        cols += [(0, label, "r"), (MEN, ":", "r")]
    return Row(cols + [(MEN + 40, marker, "r"), (MEN + 100, text, "r")])


def diktum(label, text, key="r"):
    return Row([(0, label, "r"), (MEN, ":", "r"), (MEN + 40, text, key)])


SK_CAMAT = [
    KOP_KEC,
    Space(30),
    Center("KEPUTUSAN CAMAT CIBINONG", "b"),
    Center("NOMOR 100/47/Kep/Kec/2026", "b"),
    Space(20),
    Center("TENTANG", "b"),
    Space(20),
    Center("PEMBENTUKAN TIM PELAYANAN ADMINISTRASI TERPADU", "b"),
    Center("KECAMATAN CIBINONG TAHUN 2026", "b"),
    Space(40),
    Center("CAMAT CIBINONG,", "b"),
    Space(40),
    dasar("Menimbang", "a.", "bahwa dalam rangka meningkatkan kualitas "
          "pelayanan publik kepada masyarakat, perlu menyelenggarakan "
          "Pelayanan Administrasi Terpadu Kecamatan yang cepat, mudah, "
          "terjangkau, dan terukur;"),
    dasar("", "b.", "bahwa agar penyelenggaraan pelayanan sebagaimana "
          "dimaksud dalam huruf a berjalan efektif dan efisien, perlu "
          "dibentuk tim pelaksana yang bertanggung jawab kepada Camat;"),
    dasar("", "c.", "bahwa berdasarkan pertimbangan sebagaimana dimaksud "
          "dalam huruf a dan huruf b, perlu menetapkan Keputusan Camat "
          "Cibinong tentang Pembentukan Tim Pelayanan Administrasi Terpadu "
          "Kecamatan Cibinong Tahun 2026;"),
    Space(30),
    dasar("Mengingat", "1.", "Undang-Undang Nomor 23 Tahun 2006 tentang "
          "Administrasi Kependudukan sebagaimana telah diubah dengan "
          "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas "
          "Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi "
          "Kependudukan;"),
    dasar("", "2.", "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan "
          "Publik;"),
    dasar("", "3.", "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan;"),
    dasar("", "4.", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan "
          "Daerah sebagaimana telah beberapa kali diubah, terakhir dengan "
          "Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan "
          "Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang "
          "Cipta Kerja menjadi Undang-Undang;"),
    dasar("", "5.", "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang "
          "Kecamatan;"),
    dasar("", "6.", "Peraturan Menteri Dalam Negeri Nomor 4 Tahun 2010 "
          "tentang Pedoman Pelayanan Administrasi Terpadu Kecamatan;"),
    Space(30),
    Group(Center("MEMUTUSKAN:", "b"),
          Space(20),
          diktum("Menetapkan", "KEPUTUSAN CAMAT CIBINONG TENTANG PEMBENTUKAN "
                 "TIM PELAYANAN ADMINISTRASI TERPADU KECAMATAN CIBINONG "
                 "TAHUN 2026.")),
    Space(20),
    diktum("KESATU", "Membentuk Tim Pelayanan Administrasi Terpadu "
           "Kecamatan Cibinong Tahun 2026 dengan susunan keanggotaan "
           "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak "
           "terpisahkan dari Keputusan ini."),
    Space(20),
    diktum("KEDUA", "Tim sebagaimana dimaksud dalam Diktum KESATU "
           "mempunyai tugas:"),
    Row([(MEN + 40, "a.", "r"), (MEN + 100, "menerima, memeriksa, dan "
         "memproses permohonan pelayanan administrasi dari masyarakat sesuai "
         "dengan standar pelayanan;", "r")]),
    Row([(MEN + 40, "b.", "r"), (MEN + 100, "mengoordinasikan pelayanan "
         "administrasi kependudukan dengan Dinas Kependudukan dan Pencatatan "
         "Sipil Kabupaten Bogor;", "r")]),
    Row([(MEN + 40, "c.", "r"), (MEN + 100, "mengelola dan menata arsip "
         "pelayanan, termasuk alih media arsip ke dalam bentuk digital; "
         "dan", "r")]),
    Row([(MEN + 40, "d.", "r"), (MEN + 100, "melaporkan pelaksanaan tugas "
         "kepada Camat secara berkala setiap 3 (tiga) bulan.", "r")]),
    Space(20),
    diktum("KETIGA", "Segala biaya yang timbul akibat ditetapkannya "
           "Keputusan ini dibebankan pada Dokumen Pelaksanaan Anggaran "
           "Kecamatan Cibinong Tahun Anggaran 2026."),
    Space(20),
    diktum("KEEMPAT", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    Space(50),
    Signature(["Ditetapkan di Cibinong", "pada tanggal 2 November 2026",
               "CAMAT CIBINONG,"], CAMAT, CAMAT_BELOW, seed=3),
    Space(40),
    Group(Text("Tembusan:"),
          item("1.", "Yth. Bupati Bogor;"),
          item("2.", "Yth. Sekretaris Daerah Kabupaten Bogor;"),
          item("3.", "Yth. Kepala Dinas Kependudukan dan Pencatatan Sipil "
               "Kabupaten Bogor;"),
          item("4.", "Yang bersangkutan untuk diketahui dan dilaksanakan.")),
]

F = "s"      # the typed-in values of a form


def isian(no, label, value):
    return Row([(0, no, "r"), (90, label, "r"), (720, ":", "r"),
                (760, value, F)], justify=False)


DOMISILI = [
    Letterhead([
        (KAB, "b", 54),
        ("KECAMATAN CIBINONG", "b", 58),
        ("KELURAHAN SUKAMAJU", "b", 70),
        ("Jalan Melati Nomor 5, Sukamaju, Cibinong, Kabupaten Bogor 16914",
         "r", 40),
    ]),
    Space(30),
    Center("SURAT KETERANGAN DOMISILI", "b", 54, underline=True),
    Center("Nomor: 470/215/Kel-SKM/2026"),
    Space(50),
    Para("Yang bertanda tangan di bawah ini Lurah Sukamaju, Kecamatan "
         "Cibinong, Kabupaten Bogor, menerangkan dengan sebenarnya "
         "bahwa:", first=120),
    Space(20),
    isian("1.", "Nama Lengkap", "DEWI ANGGRAINI LESTARI"),
    isian("2.", "NIK", "3201011234560001"),
    isian("3.", "Nomor KK", "3201010000001234"),
    isian("4.", "Tempat, Tanggal Lahir", "Bandung, 14 Maret 1994"),
    isian("5.", "Jenis Kelamin", "Perempuan"),
    isian("6.", "Agama", "Islam"),
    isian("7.", "Status Perkawinan", "Kawin"),
    isian("8.", "Pekerjaan", "Karyawan Swasta"),
    isian("9.", "Kewarganegaraan", "Indonesia"),
    isian("10.", "Alamat", "Perumahan Griya Sukamaju Blok C2 Nomor 14"),
    isian("", "RT/RW", "004/009"),
    isian("", "Kelurahan", "Sukamaju"),
    isian("", "Kecamatan", "Cibinong"),
    isian("", "Kabupaten", "Bogor"),
    Space(20),
    Para("Berdasarkan Surat Pengantar Ketua RT 004/RW 009 Nomor "
         "27/RT.004/XI/2026 tanggal 23 November 2026, orang tersebut di "
         "atas benar berdomisili di alamat tersebut sejak bulan Agustus 2021 "
         "sampai dengan sekarang.", first=120),
    Space(10),
    Text("Surat keterangan ini diberikan untuk:", x=120),
    isian("", "Keperluan", "Pembukaan rekening tabungan di bank"),
    isian("", "Berlaku sampai dengan", "24 Februari 2027"),
    Space(10),
    Para("Demikian surat keterangan ini dibuat dengan sebenarnya untuk "
         "dapat dipergunakan sebagaimana mestinya.", first=120),
    Space(40),
    Signature(["Cibinong, 24 November 2026", "LURAH SUKAMAJU,"],
              "AGUS SETIAWAN PRAMUDYA, S.IP.",
              ["Penata Tingkat I", "NIP 19850607 200902 1 003"], seed=4),
]

PENGADUAN = [
    Space(60),
    Text("Cibinong, 24 November 2026", x=SIGX - LEFT),
    Space(30),
    field("Perihal", "Pengaduan Keterlambatan Penerbitan KTP-el", cx=260),
    field("Lampiran", "2 (dua) lembar", cx=260),
    Space(40),
    Text("Kepada"),
    Text("Yth. Bapak Camat Cibinong"),
    Text("di"),
    Text("Cibinong", x=90),
    Space(40),
    Text("Dengan hormat,"),
    Space(10),
    Text("Saya yang bertanda tangan di bawah ini:"),
    field("Nama", "Bambang Hariyanto", x=120, cx=440),
    field("Pekerjaan", "Wiraswasta", x=120, cx=440),
    field("Alamat", "Jalan Kenanga Nomor 9, RT 002/RW 005, Kelurahan "
          "Sukamaju, Kecamatan Cibinong", x=120, cx=440),
    field("Nomor HP", "0812-3456-7890", x=120, cx=440),
    Space(10),
    Para("dengan ini menyampaikan pengaduan mengenai keterlambatan penerbitan "
         "Kartu Tanda Penduduk Elektronik (KTP-el) atas nama anak saya, "
         "Rizky Aditya Pratama. Perekaman data telah dilakukan di Kantor "
         "Kecamatan Cibinong pada tanggal 3 Agustus 2026, dan pada saat itu "
         "petugas menyampaikan bahwa KTP-el akan selesai paling lama dalam "
         "14 (empat belas) hari kerja."),
    Para("Namun, sampai dengan surat ini dibuat, KTP-el tersebut belum juga "
         "dapat diambil. Saya telah datang ke loket pelayanan sebanyak tiga "
         "kali, yaitu pada tanggal 2 September, 7 Oktober, dan 11 November "
         "2026, tetapi selalu mendapat jawaban bahwa blangko sedang kosong "
         "tanpa kepastian waktu penyelesaian. Padahal, KTP-el tersebut sangat "
         "diperlukan untuk pendaftaran kuliah dan pembukaan rekening "
         "beasiswa.", first=120),
    Para("Sehubungan dengan hal tersebut, saya mohon kiranya Bapak Camat "
         "berkenan menindaklanjuti pengaduan ini dan memberikan kepastian "
         "waktu penerbitan KTP-el dimaksud. Saya juga berharap informasi "
         "mengenai ketersediaan blangko dapat diumumkan secara terbuka di "
         "kantor kecamatan dan melalui media sosial resmi kecamatan.",
         first=120),
    Para("Sebagai bahan pertimbangan, bersama ini saya lampirkan fotokopi "
         "bukti perekaman KTP-el dan fotokopi Kartu Keluarga. Demikian surat "
         "pengaduan ini saya sampaikan. Atas perhatian dan tindak lanjut "
         "Bapak, saya ucapkan terima kasih.", first=120),
    Space(40),
    Signature(["Hormat saya,"], "Bambang Hariyanto", seed=5, name_key="r"),
]

LSM = [
    Letterhead([
        ("LENTERA RECORDS FOUNDATION", "sb", 64),
        ("Yayasan Lentera Arsip Nusantara", "s", 46),
        ("Jalan Cempaka Putih Raya 88, Jakarta 10510, Indonesia", "s", 38),
        ("Phone +62 21 555 0188, email: office@lentera-records.contoh.org",
         "s", 38),
    ], emblem=False),
    Space(30),
    Text("Jakarta, 18 December 2026", x=SIGX - LEFT),
    Space(20),
    field("Our ref.", "LRF/OUT/112/XII/2026", cx=260),
    field("Subject", "Proposal for a records digitisation partnership",
          cx=260),
    Space(40),
    Text("The Head of Cibinong District (Camat Cibinong)"),
    Text("Cibinong District Office"),
    Text("Jalan Raya Sukamaju Nomor 17"),
    Text("Cibinong, Bogor Regency, West Java"),
    Space(40),
    Text("Dear Sir,"),
    Space(10),
    Para("On behalf of the Lentera Records Foundation, I would like to thank "
         "you and your staff for the warm welcome given to our team during "
         "the coordination meeting held at the Cibinong District Office on "
         "16 December 2026."),
    Space(10),
    Para("As discussed at the meeting, our foundation helps local "
         "governments to preserve public records and to make them easier to "
         "find. We would like to propose a six-month pilot partnership, "
         "starting in February 2027, to digitise the inactive records of the "
         "district office and its villages (kelurahan), with a particular "
         "focus on population administration files."),
    Space(10),
    Para("Under the proposed arrangement, the foundation would provide two "
         "document scanners, training for four members of your staff and "
         "technical assistance with indexing the digitised records. The "
         "district office would remain the sole owner of all records and "
         "data, and no personal data would leave the office without its "
         "written permission."),
    Space(10),
    Para("We have enclosed a draft memorandum of understanding and a work "
         "plan for your consideration. We would be grateful if a member of "
         "your team could contact us to arrange a follow-up meeting at your "
         "earliest convenience."),
    Space(10),
    Para("Thank you for your attention and kind cooperation."),
    Space(30),
    Signature(["Yours faithfully,"], "Maya Kartika Sari",
              ["Programme Director"], x=LEFT, seed=6, name_key="r"),
    Space(30),
    Group(Text("Enclosures:"),
          item("1.", "Draft memorandum of understanding"),
          item("2.", "Pilot work plan"),
          Space(20),
          Text("cc: Head of the Population and Civil Registration Office, "
               "Bogor Regency")),
]

# stem (the sample's name and its truth file's), blocks, pages it must fill
DOCUMENTS = [
    ("undangan-rapat-koordinasi", UNDANGAN, 1),
    ("nota-dinas-umum", NOTA_DINAS, 1),
    ("sk-camat-tim-pelayanan", SK_CAMAT, 2),
    ("surat-keterangan-domisili", DOMISILI, 1),
    ("pengaduan-warga", PENGADUAN, 1),
    ("surat-lsm-inggris", LSM, 1),
]


# ---------------------------------------------------------------------------
# Output.

def png_bytes(img):
    if img.mode == "L":
        # Ink and edges in 16 gray levels, as scanners' "text" gray mode
        # gives them, for a smaller file; the paper keeps its shade.
        img = img.point(lambda v: v if v >= 236 else (v * 15 + 127) // 255 * 17)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True, dpi=(DPI, DPI))
    return buf.getvalue()


def jpeg_bytes(img, quality=75):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True, dpi=(DPI, DPI))
    return buf.getvalue()


def tiff_bytes(pages):
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", compression="group4", dpi=(DPI, DPI),
                  save_all=True, append_images=pages[1:])
    return buf.getvalue()


def pdf_bytes(img, title):
    buf = io.BytesIO()
    # No creationDate/modDate: Pillow leaves them out when given None.
    img.save(buf, "PDF", resolution=float(DPI), title=title,
             creationDate=None, modDate=None, producer=None, creator=None)
    return buf.getvalue()


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 30, 16, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.normpath(
                        os.path.join(here, "..", "..", "share", "samples")),
                    help="where the samples go (default: share/samples)")
    ap.add_argument("--truth", metavar="DIR",
                    help="also write each document's text to DIR/STEM.txt")
    args = ap.parse_args()

    laid = {}
    for n, (stem, blocks, npages) in enumerate(DOCUMENTS):
        pages = paginate(blocks)
        if len(pages) != npages:
            sys.exit(f"make-samples: {stem} lays out on {len(pages)} pages, "
                     f"not {npages}")
        laid[stem] = (n, pages)

    def raw(stem, paper):
        n, pages = laid[stem]
        return [render(p, paper, SEED + 100 * n + i)
                for i, p in enumerate(pages)]

    out = {}
    out["undangan-rapat-koordinasi.png"] = png_bytes(
        scan_bw(raw("undangan-rapat-koordinasi", 255)[0]))
    out["sk-camat-tim-pelayanan.tif"] = tiff_bytes(
        [scan_bw(p) for p in raw("sk-camat-tim-pelayanan", 255)])
    out["surat-keterangan-domisili.pdf"] = pdf_bytes(
        scan_bw(raw("surat-keterangan-domisili", 255)[0]),
        "Surat Keterangan Domisili")
    out["surat-lsm-inggris.jpg"] = jpeg_bytes(
        scan_gray(raw("surat-lsm-inggris", 246)[0]))
    out["arsip-2026-11.zip"] = zip_bytes([
        ("arsip-2026-11/nota-dinas-umum.jpg",
         jpeg_bytes(scan_gray(raw("nota-dinas-umum", 244)[0], skew=1.5,
                              paper=244))),
        ("arsip-2026-11/pengaduan-warga.png",
         png_bytes(scan_gray(raw("pengaduan-warga", 248)[0]))),
    ])

    os.makedirs(args.out, exist_ok=True)
    for name, data in out.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
        print(f"{len(data):9d}  {os.path.join(args.out, name)}")

    if args.truth:
        os.makedirs(args.truth, exist_ok=True)
        for stem, (n, pages) in laid.items():
            text = [t for page in pages for _, ln in page for t in ln.truth]
            path = os.path.join(args.truth, stem + ".txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(text) + "\n")
            print(f"{'':9s}  {path}")


if __name__ == "__main__":
    main()
