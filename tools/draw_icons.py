"""Draws the extension's toolbar icons (extension/icons/icon-<size>.png) with the standard library only.

The icon is a blue rounded square (Okabe-Ito blue) with a white exclamation mark over an orange wavy-ish underline:
the same "underlined with a caution sign" idea the highlights use. Run it again after changing the drawing."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

BLUE = (0, 114, 178)
ORANGE = (230, 159, 0)
WHITE = (255, 255, 255)
SIZES = (16, 32, 48, 128)
SUPERSAMPLE = 4


def shape_at(x: float, y: float):
    """Colour at unit-square point (x, y), or None outside the icon."""
    r = 0.2  # corner radius
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return None
    if abs(x - 0.5) < 0.09 and 0.14 < y < 0.56:
        return WHITE
    if (x - 0.5) ** 2 + (y - 0.68) ** 2 < 0.085 ** 2:
        return WHITE
    if 0.82 < y < 0.9 and 0.18 < x < 0.82:
        return ORANGE
    return BLUE


def pixel(px: int, py: int, size: int) -> bytes:
    total = [0, 0, 0, 0]
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            colour = shape_at((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size)
            if colour:
                for i in range(3):
                    total[i] += colour[i]
                total[3] += 255
    n = SUPERSAMPLE * SUPERSAMPLE
    covered = total[3] // 255 or 1
    return bytes([total[0] // covered, total[1] // covered, total[2] // covered, total[3] // n])


def png(size: int) -> bytes:
    rows = b"".join(b"\x00" + b"".join(pixel(x, y, size) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def main() -> None:
    out = Path(__file__).resolve().parents[1] / "extension" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        (out / f"icon-{size}.png").write_bytes(png(size))


if __name__ == "__main__":
    main()
