"""Draw Thread Lab's icon with QPainter and write every file the builds need.

    QT_QPA_PLATFORM=offscreen python resources/icons/make_icons.py

writes, next to this script:

- thread-lab-{16,24,32,48,64,128,256,512}.png  Linux icon theme sizes, the window icon
- thread-lab.png                                the 256 px one, the default icon
- thread-lab.ico                                Windows: 16 to 256 px, PNG-compressed entries
- thread-lab.icns                               macOS: 16 to 512 px (and @2x), PNG entries

The picture: three coloured threads of different lengths (threads finish at different
times, as in the window's timeline) running to a padlock on a dark rounded square.
The generated files are committed; run this again only to change the design.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

HERE = Path(__file__).resolve().parent
NAME = "thread-lab"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can hold
# ICNS element types holding PNG data, and the pixel size of each (@2x types double it).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)
THREAD_COLOURS = ("#ffb020", "#2ec4b6", "#ff5d8f")  # amber, teal, pink: readable on dark


def draw(size: int) -> QImage:
    """Paint the icon at SIZE × SIZE pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 100.0, size / 100.0)  # draw on a 100 × 100 grid

    # Dark rounded square, a little lighter at the top.
    margin = 4 if size >= 32 else 1
    tile = QRectF(margin, margin, 100 - 2 * margin, 100 - 2 * margin)
    shade = QLinearGradient(0, margin, 0, 100 - margin)
    shade.setColorAt(0.0, QColor("#2b3a55"))
    shade.setColorAt(1.0, QColor("#141c2c"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(shade))
    p.drawRoundedRect(tile, 20, 20)

    # Three threads: thick lines of different lengths, bolder at small sizes to stay legible.
    width = 13 if size <= 24 else 11
    ends = (64, 50, 57)
    for (y, end), colour in zip(zip((27, 50, 73), ends), THREAD_COLOURS):
        pen = QPen(QColor(colour), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawLine(QPointF(17, y), QPointF(end, y))

    # The padlock at the right: white body with a keyhole, and its shackle.
    if size >= 24:
        white = QColor("#f4f6fb")
        p.setPen(QPen(white, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        p.setBrush(Qt.BrushStyle.NoBrush)
        shackle = QPainterPath()
        shackle.moveTo(71, 52)
        shackle.lineTo(71, 44)
        shackle.arcTo(QRectF(71, 33, 16, 22), 180, -180)
        shackle.lineTo(87, 52)
        p.drawPath(shackle)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(white)
        p.drawRoundedRect(QRectF(65, 51, 28, 25), 4, 4)
        p.setBrush(QColor("#141c2c"))
        p.drawEllipse(QPointF(79, 61), 3.6, 3.6)
        p.drawRect(QRectF(77.6, 62, 2.8, 8))
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """IMAGE encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG-compressed entry per size (Windows Vista and newer)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(pngs)
    entries, payload = b"", b""
    for size, data in sorted(pngs.items()):
        # width/height 0 means 256; colour count 0, reserved 0, 1 plane, 32 bits per pixel
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns: 'icns', total length, then (type, length, PNG) elements, big-endian."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[px])) + pngs[px] for kind, px in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    """Draw every size and write the PNG, ICO and ICNS files next to this script."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts, pixmaps
    pngs = {size: png_bytes(draw(size)) for size in sorted({*PNG_SIZES, *ICO_SIZES})}
    for size in PNG_SIZES:
        (HERE / f"{NAME}-{size}.png").write_bytes(pngs[size])
    (HERE / f"{NAME}.png").write_bytes(pngs[256])
    (HERE / f"{NAME}.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (HERE / f"{NAME}.icns").write_bytes(icns_bytes(pngs))
    for path in sorted(HERE.glob(f"{NAME}*")):
        print(f"{path.name:24} {path.stat().st_size:>7,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
