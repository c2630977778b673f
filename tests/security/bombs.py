"""Small files that cost a lot to read: pictures that decode into huge bitmaps, PDFs whose page
tree or streams expand. Made without building what they expand into (tests and bench/)."""

import struct
import zlib


def png_of(width, height, mode="1"):
    """A flat PNG written row by row: a few kilobytes, whatever it decodes into."""
    bit_depth, color_type, row_bytes = {
        "1": (1, 0, (width + 7) // 8),
        "L": (8, 0, width),
        "RGB": (8, 2, width * 3),
        "RGBA": (8, 6, width * 4),
    }[mode]

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    compressor = zlib.compressobj(9)
    row = b"\0" + b"\xa0" * row_bytes
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def pdf(objects, root=1):
    """A PDF from numbered object bodies (bytes), with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    size = max(objects) + 1
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start)
    return bytes(out)


def pdf_many_pages(pages, per_node=1000):
    """A page tree of `pages` blank pages, in nodes of `per_node` kids (about 60 bytes a page)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    nodes = (pages + per_node - 1) // per_node
    first_page = 3 + nodes
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % (3 + n) for n in range(nodes)),
        pages,
    )
    for n in range(nodes):
        kids = range(first_page + n * per_node, first_page + min(pages, (n + 1) * per_node))
        objects[3 + n] = b"<< /Type /Pages /Parent 2 0 R /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % k for k in kids),
            len(kids),
        )
        for k in kids:
            objects[k] = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>" % (3 + n)
    return pdf(objects)


def pdf_stream_bombs(pages, inflated=70_000_000):
    """Each page dictionary in an object stream of its own that inflates to `inflated` bytes."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    entries = {}
    spaces = b" " * inflated
    # The padding is compressed once, as a raw deflate block that any stream can end with.
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    padding = raw.compress(spaces) + raw.flush()
    padding_adler = zlib.adler32(spaces)
    del spaces

    def direct(number, body):
        entries[number] = (1, len(out), 0)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def with_padding(prefix):
        head = zlib.compressobj(9, zlib.DEFLATED, -15)
        deflated = head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH)
        # adler32 of prefix + padding, from the two halves (zlib's adler32_combine).
        a1, b1 = zlib.adler32(prefix) & 0xFFFF, zlib.adler32(prefix) >> 16
        a2, b2 = padding_adler & 0xFFFF, padding_adler >> 16
        a = (a1 + a2 - 1) % 65521
        b = (b1 + b2 + inflated * (a1 - 1)) % 65521
        return b"\x78\xda" + deflated + padding + struct.pack(">I", (b << 16) | a)

    kids = [3 + 2 * n for n in range(pages)]
    direct(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    direct(2, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), pages))  # fmt: skip
    for page in kids:
        head = b"%d 0 " % page
        data = with_padding(head + b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
        direct(page + 1, b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n"
               b"stream\n" % (len(head), len(data)) + data + b"\nendstream")  # fmt: skip
        entries[page] = (2, page + 1, 0)
    xref_number = max(entries) + 1
    entries[xref_number] = (1, len(out), 0)
    size = xref_number + 1
    rows = b"".join(struct.pack(">BIH", *entries.get(n, (0, 0, 65535))) for n in range(size))
    out.extend(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % (xref_number, size, len(rows))
        + rows
        + b"\nendstream\nendobj\n"
    )
    out.extend(b"startxref\n%d\n%%%%EOF\n" % entries[xref_number][1])
    return bytes(out)
