"""Draw the sample report's photos (simple scenes) as PNG files in resources/photos/.

Pure Python so it runs anywhere without an imaging library; the output is committed, this script
only documents and reproduces it:  python scripts/make_sample_photos.py
"""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

WIDTH, HEIGHT = 720, 480
Color = tuple[int, int, int]


class Canvas:
    def __init__(self, width: int, height: int, background: Color) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(background) * (width * height))

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: Color) -> None:
        x0, x1 = max(0, x0), min(self.width, x1)
        row = bytes(color) * max(0, x1 - x0)
        for y in range(max(0, y0), min(self.height, y1)):
            start = (y * self.width + x0) * 3
            self.pixels[start : start + len(row)] = row

    def gradient(self, y0: int, y1: int, top: Color, bottom: Color) -> None:
        for y in range(y0, y1):
            t = (y - y0) / max(1, y1 - y0 - 1)
            color = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
            self.rect(0, y, self.width, y + 1, color)  # type: ignore[arg-type]

    def circle(self, cx: int, cy: int, r: int, color: Color) -> None:
        for y in range(cy - r, cy + r + 1):
            dx = int((r * r - (y - cy) ** 2) ** 0.5)
            self.rect(cx - dx, y, cx + dx + 1, y + 1, color)

    def person(self, x: int, y: int, scale: float, coat: Color) -> None:
        """A seated or standing figure: head and shoulders."""
        self.circle(x, y, int(9 * scale), (236, 200, 170))
        self.rect(
            x - int(5 * scale), y - int(9 * scale), x + int(5 * scale), y - int(5 * scale), (40, 35, 30)
        )
        self.rect(x - int(13 * scale), y + int(10 * scale), x + int(13 * scale), y + int(40 * scale), coat)

    def png(self) -> bytes:
        raw = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3])
            for y in range(self.height)
        )

        def chunk(tag: bytes, data: bytes) -> bytes:
            return (
                struct.pack(">I", len(data))
                + tag
                + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
            )

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b"")
        )


COATS: list[Color] = [(45, 55, 80), (30, 30, 35), (70, 70, 90), (110, 40, 40), (60, 80, 70)]


def plenary(rng: random.Random) -> Canvas:
    c = Canvas(WIDTH, HEIGHT, (200, 190, 170))
    c.gradient(0, 200, (150, 30, 30), (120, 20, 20))  # stage curtain
    c.rect(140, 40, 580, 90, (190, 30, 30))  # banner
    c.rect(150, 58, 570, 72, (240, 210, 120))
    c.rect(100, 150, 620, 200, (150, 110, 70))  # rostrum table
    for i in range(9):
        c.person(130 + i * 58, 135, 0.9, COATS[i % len(COATS)])
    c.rect(100, 185, 620, 200, (170, 130, 80))
    for row in range(4):
        y = 260 + row * 55
        c.rect(0, y + 30, WIDTH, y + 42, (120, 90, 60))
        for i in range(12):
            c.person(30 + i * 60 + (row % 2) * 25, y, 1.0 + row * 0.12, COATS[rng.randrange(len(COATS))])
    return c


def inspection(rng: random.Random) -> Canvas:
    c = Canvas(WIDTH, HEIGHT, (180, 170, 150))
    c.gradient(0, 260, (120, 170, 220), (200, 220, 235))
    for i in range(6):  # buildings
        x = 40 + i * 115
        h = rng.randrange(90, 180)
        c.rect(x, 260 - h, x + 80, 260, (170 + i * 5, 170, 175))
        for wy in range(260 - h + 12, 250, 22):
            for wx in range(x + 10, x + 75, 18):
                c.rect(wx, wy, wx + 9, wy + 12, (90, 120, 150))
    c.rect(560, 40, 572, 260, (230, 170, 40))  # crane
    c.rect(420, 40, 700, 52, (230, 170, 40))
    c.gradient(260, 480, (150, 140, 120), (120, 110, 95))
    for i in range(7):
        c.person(120 + i * 70, 330 + (i % 2) * 10, 1.6, COATS[i % len(COATS)])
        c.circle(120 + i * 70, 318 + (i % 2) * 10, 15, (245, 245, 245))  # safety helmets
    return c


def consultation(rng: random.Random) -> Canvas:
    c = Canvas(WIDTH, HEIGHT, (150, 160, 130))
    c.gradient(0, 170, (160, 200, 230), (220, 230, 235))
    c.rect(0, 90, WIDTH, 170, (210, 205, 195))  # houses
    for x in range(20, WIDTH, 140):
        c.rect(x, 60, x + 110, 90, (90, 80, 75))
        c.rect(x + 40, 120, x + 70, 170, (120, 90, 60))
    c.gradient(170, 480, (170, 165, 150), (140, 135, 120))
    c.rect(200, 280, 520, 340, (150, 100, 60))  # table
    for i in range(6):
        c.person(220 + i * 58, 240, 1.1, COATS[rng.randrange(len(COATS))])
    for i in range(6):
        c.person(220 + i * 58, 360, 1.3, COATS[rng.randrange(len(COATS))])
    c.rect(40, 150, 150, 190, (190, 30, 30))  # banner
    return c


def training(rng: random.Random) -> Canvas:
    c = Canvas(WIDTH, HEIGHT, (225, 220, 210))
    c.rect(180, 30, 540, 200, (60, 90, 140))  # projection screen
    c.rect(200, 60, 520, 80, (230, 230, 240))
    for y in range(100, 190, 22):
        c.rect(220, y, 500, y + 8, (170, 190, 220))
    c.rect(580, 120, 640, 230, (140, 100, 60))  # lectern
    c.person(610, 100, 1.0, COATS[1])
    for row in range(3):
        y = 270 + row * 70
        c.rect(0, y + 35, WIDTH, y + 50, (160, 120, 80))
        for i in range(9):
            c.person(50 + i * 78, y, 1.2 + row * 0.15, COATS[rng.randrange(len(COATS))])
    return c


SCENES: dict[str, Callable[[random.Random], Canvas]] = {
    "plenary": plenary,
    "inspection": inspection,
    "consultation": consultation,
    "training": training,
}


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "resources" / "photos"
    out.mkdir(parents=True, exist_ok=True)
    for name, draw in SCENES.items():
        path = out / f"{name}.png"
        path.write_bytes(draw(random.Random(name)).png())
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main()
