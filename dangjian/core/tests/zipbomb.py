"""A zip bomb shaped like an .xlsx, built in a fraction of a second (for tests and bench/imports.py).

Deflating 330 MB takes tens of seconds, so the sheet is made of one deflated
megabyte repeated: after a full flush a deflate stream starts afresh, so the
same compressed bytes can follow each other. The member's sizes and CRC are
true: openpyxl would really inflate 330 MB of XML from it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

ROW = b'<row><c t="inlineStr"><is><t>' + b"A" * 1000 + b"</t></is></c></row>"


def _deflated(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def bomb_bytes(megabytes: int = 330) -> bytes:
    """An .xlsx-looking zip whose sheet1.xml inflates to about MEGABYTES of XML."""
    block = ROW * (2**20 // len(ROW))
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = b"</sheetData></worksheet>"
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c.compress(head + block) + c.flush(zlib.Z_FULL_FLUSH)
    middle = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.compress(tail) + c.flush()
    sheet = start + middle * (megabytes - 1) + end
    crc = zlib.crc32(head + block)
    for _ in range(megabytes - 1):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(block) * megabytes + len(tail)
    # Every other part from a real workbook, so that a reader that does not check the
    # archive first really opens it and inflates the sheet.
    skeleton = io.BytesIO()
    Workbook().save(skeleton)
    with zipfile.ZipFile(skeleton) as zf:
        members = [(n, zf.read(n)) for n in zf.namelist() if n != "xl/worksheets/sheet1.xml"]
    entries = [(name, _deflated(data), zlib.crc32(data), len(data)) for name, data in members]
    entries.append(("xl/worksheets/sheet1.xml", sheet, crc, size))
    out, directory = bytearray(), bytearray()
    for name, data, crc32, raw_size in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc32, len(data), raw_size, len(encoded), 0)
        out += encoded + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc32, len(data), raw_size, len(encoded),
            0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += encoded
    end_record = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(out), 0)
    return bytes(out + directory + end_record)
