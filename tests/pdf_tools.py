"""Render a .docx with LibreOffice and read the PDF with poppler, for the render tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
TOOLS = ("soffice", "pdftotext", "pdffonts", "pdfinfo")


def require_renderer() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"缺少 {', '.join(missing)}（Debian：libreoffice-writer-nogui poppler-utils）"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI 必须能渲染导出文件：{message}")
    pytest.skip(f"跳过渲染测试：{message}")


def render_pdf(docx_path: Path, workdir: Path) -> Path:
    profile = workdir / "lo-profile"
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(workdir))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(docx_path),
        ],
        check=True,
        env=env,
        capture_output=True,
        timeout=240,
    )
    pdf = workdir / (docx_path.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice produced no PDF"
    return pdf


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


def fonts_used(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout


@dataclass
class Line:
    x_min: float
    y_min: float
    x_max: float
    text: str


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line]


def layout(pdf: Path) -> list[Page]:
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages: list[Page] = []
    for chunk in html.split("<page ")[1:]:
        width = float(re.search(r'width="([\d.]+)"', chunk).group(1))  # type: ignore[union-attr]
        height = float(re.search(r'height="([\d.]+)"', chunk).group(1))  # type: ignore[union-attr]
        lines = []
        for match in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>', chunk, re.S
        ):
            words = re.findall(r">([^<]*)</word>", match.group(4))
            lines.append(
                Line(float(match.group(1)), float(match.group(2)), float(match.group(3)), "".join(words))
            )
        pages.append(Page(width, height, lines))
    return pages


def page_fill(pdf: Path, top_pt: float, bottom_pt: float, dpi: int = 24) -> list[float]:
    """For each page, how far down its type area (from `top_pt` to `bottom_pt`, in points from the
    top of the page) something is printed — text or picture — as a share of the type area's height.
    Read from a small grey rendering (pdftoppm), so pictures count as well as text."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-gray", "-r", str(dpi), str(pdf), str(Path(folder) / "p")],
            check=True,
            capture_output=True,
        )
        fills = []
        for image in sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])):
            width, height, pixels = _read_pgm(image.read_bytes())
            first, last = int(top_pt / 72 * dpi), min(height, int(bottom_pt / 72 * dpi))
            used = first
            for row in range(first, last):
                line = pixels[row * width : (row + 1) * width]
                if min(line) < 160:  # ink, not paper
                    used = row + 1
            fills.append(round((used - first) / max(1, last - first), 3))
    return fills


def _read_pgm(data: bytes) -> tuple[int, int, bytes]:
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:  # magic, width, height, maxval; comments start with #
        while data[position : position + 1].isspace():
            position += 1
        if data[position : position + 1] == b"#":
            position = data.index(b"\n", position)
            continue
        end = position
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[position + 1 :]
