#!/usr/bin/env python3
"""mkfixture.py: builds the small files and archives the CLI golden tests scan.

Every file gets a fixed time, so that records (which carry mtime) are the same
on every run. Usage: mkfixture.py KIND OUT
"""
import io
import os
import random
import subprocess
import sys
import tarfile
import zipfile

FIXED = (2026, 1, 2, 3, 4, 6)          # zip times have 2-second steps
FIXED_EPOCH = 1767323046               # 2026-01-02T03:04:06Z

LETTER = (b"%PDF-1.4\n% surat undangan rapat koordinasi\n"
          b"1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
NOTE = "Nota dinas: rapat pukul 09.00 WIB di aula kecamatan.\n".encode()


def touch(path):
    os.utime(path, (FIXED_EPOCH, FIXED_EPOCH))


def write(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    touch(path)


def tree(out):
    """A scanner folder: two documents, a subfolder, and files to leave alone."""
    write(f"{out}/nota-dinas.txt", NOTE)
    write(f"{out}/surat/undangan.pdf", LETTER)
    write(f"{out}/.DS_Store", b"hidden")
    write(f"{out}/scan-0001.jpg.part", b"\xff\xd8\xff half written")
    write(f"{out}/~$laporan.docx", b"office lock file")
    write(f"{out}/scan.tmp", b"scanner temp")
    touch(f"{out}/surat")


def zip_members(zf, members):
    for name, data in members:
        info = zipfile.ZipInfo(name, FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, data)


def make_zip(out):
    with zipfile.ZipFile(out, "w") as zf:
        zip_members(zf, [("nota-dinas.txt", NOTE), ("surat/undangan.pdf", LETTER),
                         ("surat/.~lock.undangan#", b"lock")])
    touch(out)


def make_tar(out, compression):
    mode = {"none": "w", "gz": "w:gz", "bz2": "w:bz2", "xz": "w:xz", "zst": "w"}[compression]
    raw = out + ".tmp" if compression == "zst" else out
    with tarfile.open(raw, mode, format=tarfile.GNU_FORMAT) as tf:
        for name, data in [("arsip/nota-dinas.txt", NOTE), ("arsip/undangan.pdf", LETTER)]:
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), FIXED_EPOCH, 0o644
            tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("arsip/tautan.pdf")
        link.type, link.linkname, link.mtime = tarfile.SYMTYPE, "/etc/passwd", FIXED_EPOCH
        tf.addfile(link)
    if compression == "zst":
        subprocess.run(["zstd", "-q", "-f", "--rm", raw, "-o", out], check=True)
    touch(out)


def make_7z(out):
    src = out + ".d"
    write(f"{src}/nota-dinas.txt", NOTE)
    write(f"{src}/undangan.pdf", LETTER)
    subprocess.run(["7z", "a", "-bd", "-bso0", "-bsp0", os.path.abspath(out), "."],
                   cwd=src, check=True)
    for name in os.listdir(src):
        os.unlink(f"{src}/{name}")
    os.rmdir(src)
    touch(out)


def bomb(out):
    """One member of 200 MB of zeros: about 200 KB on disk, a 1000x expansion."""
    info = zipfile.ZipInfo("laporan.txt", FIXED)
    info.compress_type = zipfile.ZIP_DEFLATED
    zero = bytes(1 << 20)
    with zipfile.ZipFile(out, "w") as zf, zf.open(info, "w", force_zip64=True) as f:
        for _ in range(200):
            f.write(zero)
    touch(out)


# Names that must never be used to write or read outside a folder.
HOSTILE = ["../keluar.txt", "/etc/cron.d/arc", "a/../../b.txt", "bel\x07\x1b[31m.txt",
           "..\\windows.txt", "XXXXXXXX.txt"]


def hostile_zip(out):
    with zipfile.ZipFile(out, "w") as zf:
        zip_members(zf, [("baik.txt", NOTE)] + [(n, NOTE) for n in HOSTILE])
    # zipfile writes only valid UTF-8 names: patch one to invalid bytes.
    data = open(out, "rb").read().replace(b"XXXXXXXX.txt", b"caf\xe9\xff\xfeXX.txt")
    write(out, data)


def hostile_tar(out):
    with tarfile.open(out, "w", format=tarfile.GNU_FORMAT, encoding="latin-1") as tf:
        for name in ["baik.txt"] + HOSTILE[:-1] + ["caf\xe9.txt"]:
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(NOTE), FIXED_EPOCH
            tf.addfile(info, io.BytesIO(NOTE))
    touch(out)


def encrypted(out):
    src = out + ".d"
    write(f"{src}/rahasia.txt", NOTE)
    write(f"{src}/terbuka.txt", NOTE)
    subprocess.run(["zip", "-q", "-X", "-P", "sandi", os.path.abspath(out), "rahasia.txt"],
                   cwd=src, check=True)
    subprocess.run(["zip", "-q", "-X", os.path.abspath(out), "terbuka.txt"], cwd=src, check=True)
    for name in os.listdir(src):
        os.unlink(f"{src}/{name}")
    os.rmdir(src)
    touch(out)


def truncated(out):
    """A zip cut short in the middle of its second member."""
    scan = random.Random(1).randbytes(20000)  # does not compress
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zip_members(zf, [("pertama.txt", NOTE), ("kedua.jpg", b"\xff\xd8\xff\xe0" + scan),
                         ("ketiga.txt", NOTE)])
    data = buf.getvalue()
    write(out, data[: data.index(b"ketiga.txt") - 5000])


def pdf_file(pages):
    """A PDF of pages, each (width, height, resources, content, xobjects):
    xobjects are (dictionary, stream bytes) pairs named /Im0, /Im1..."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for w, h, content, images in pages:
        names = []
        for d, data in images:
            objs.append(d.encode() + f" /Length {len(data)} >>\nstream\n"
                        .encode() + data + b"\nendstream")
            names.append(f"/Im{len(names)} {len(objs)} 0 R")
        objs.append(f"<< /Length {len(content)} >>\nstream\n{content}\n"
                    "endstream".encode())
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] "
                    f"/Resources << /Font << /F1 3 0 R >> /XObject << "
                    f"{' '.join(names)} >> >> /Contents {len(objs)} 0 R >>"
                    .encode())
        kids.append(f"{len(objs)} 0 R")
    objs[1] = (f"<< /Type /Pages /Kids [{' '.join(kids)}] "
               f"/Count {len(kids)} >>").encode()
    pdf, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(pdf))
        pdf += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    pdf += (f"trailer << /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n"
            f"{xref}\n%%EOF\n").encode()
    return pdf


def text_page():
    lines = ["SURAT EDARAN CAMAT CIBINONG", "Nomor: 800/45/Umum/2026",
             "Pelayanan KTP-el dibuka setiap hari kerja pukul 08.00 WIB."]
    body = "BT /F1 12 Tf 72 760 Td 16 TL " + " ".join(
        f"({t}) Tj T*" for t in lines) + " ET"
    return (595, 842, body, [])


def draw_page(width, lines):
    """An A4 page width pixels wide, in gray, with lines of text."""
    from PIL import Image, ImageDraw, ImageFont
    height = width * 297 // 210
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", width // 55)
    for i, t in enumerate(lines):
        draw.text((width // 10, height // 8 + i * width // 30), t, font=font,
                  fill=0)
    return img


def scan_page(width):
    """A page as img2pdf or a phone app makes it: one JPEG filling a page
    whose size in points is the scan's pixels, 72 dpi declared."""
    img = draw_page(width, ["PENGUMUMAN KELURAHAN PABUARAN",
                            "Warga diminta membawa kartu keluarga",
                            "untuk pendataan penduduk pada hari Senin."])
    height = img.height
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    d = (f"<< /Type /XObject /Subtype /Image /Width {width} "
         f"/Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 "
         f"/Filter /DCTDecode")
    return (width, height, f"q {width} 0 0 {height} 0 0 cm /Im0 Do Q",
            [(d, buf.getvalue())])


def text_pdf(out):
    """A born-digital PDF: one page whose text is in the file, not in pixels."""
    lines = ["SURAT EDARAN CAMAT CIBINONG", "Nomor: 800/45/Umum/2026",
             "Pelayanan KTP-el dibuka setiap hari kerja pukul 08.00 WIB."]
    body = "BT /F1 12 Tf 72 760 Td 16 TL " + " ".join(
        f"({t}) Tj T*" for t in lines) + " ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            f"<< /Length {len(body)} >>\nstream\n{body}\nendstream"]
    pdf, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(pdf))
        pdf += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(pdf)
    pdf += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    pdf += f"trailer << /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    write(out, pdf)


def scan_pdf(out):
    """An image-only PDF of an A4 scan at 225 dpi: 1860x2630 points."""
    write(out, pdf_file([scan_page(1860)]))


def mixed_pdf(out):
    """A born-digital page followed by a scanned one."""
    write(out, pdf_file([text_page(), scan_page(1860)]))


def page_image(out, dpi):
    """A scanned A4 page at 300 dpi (2480x3507 pixels) that declares dpi:
    a JPEG or PNG by its name, or for a .pdf a PDF by Pillow's own writer,
    in colour, whose page is the pixels at dpi, as a phone app makes it."""
    img = draw_page(2480, ["PEMERINTAH DESA SUKAMAJU",
                           "SURAT KETERANGAN DOMISILI",
                           "Kepala desa menerangkan bahwa warga tersebut",
                           "benar tinggal di wilayah kami sejak tahun 2019."])
    if out.endswith(".pdf"):
        img.convert("RGB").save(out, resolution=dpi)
    else:
        img.save(out, dpi=(dpi, dpi))
    touch(out)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    makers = {
        "tree": tree, "zip": make_zip, "7z": make_7z, "bomb": bomb,
        "hostile-zip": hostile_zip, "hostile-tar": hostile_tar,
        "encrypted": encrypted, "truncated": truncated, "text-pdf": text_pdf,
        "scan-pdf": scan_pdf, "mixed-pdf": mixed_pdf,
        "page-300": lambda out: page_image(out, 300),
        "page-72": lambda out: page_image(out, 72),
    }
    if kind.startswith("tar"):
        make_tar(out, kind.partition("-")[2] or "none")
    else:
        makers[kind](out)


if __name__ == "__main__":
    main()
