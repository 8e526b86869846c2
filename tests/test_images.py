"""Images from outside (a photo added, imported from Word, read from a template pack or a project):
the header is read by python-docx, as the Word writer reads it later; the limits and the one-line
Chinese reasons are ours. Every hostile kind names what is wrong with it."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from report_writer.core.images import MAX_IMAGE_BYTES, ImageError, media_from_bytes

# A 5 × 3 JFIF JPEG, written by Qt once for this test (quality 50).
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEAZABkAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19i"
    "Z2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
    "Y2NjY2NjY2P/wAARCAADAAUDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF"
    "BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW"
    "V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi"
    "4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC"
    "AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm"
    "Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq"
    "8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDHooorhPqD/9k="
)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int = 4, height: int = 3, pixels: bytes | None = None, ihdr_kind: bytes = b"IHDR") -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    if pixels is None:
        pixels = zlib.compress(b"".join(b"\x00" + bytes([200, 30, 30]) * width for _ in range(height)))
    return b"\x89PNG\r\n\x1a\n" + _chunk(ihdr_kind, ihdr) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def test_png_and_jpeg_are_read_with_their_pixel_size() -> None:
    item = media_from_bytes(png(4, 3))
    assert (item.mime, item.width, item.height) == ("image/png", 4, 3)
    item = media_from_bytes(JPEG)
    assert (item.mime, item.width, item.height) == ("image/jpeg", 5, 3)
    assert len(item.sha256) == 64


def _bomb() -> bytes:
    """A valid PNG whose pixel data inflates to far more than its 4 × 3 header allows."""
    return png(4, 3, pixels=zlib.compress(bytes(10_000_000)))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a" + bytes(40), "不支持的图片格式：请使用 PNG 或 JPEG 图片。"),
        (b"BM" + bytes(60), "不支持的图片格式：请使用 PNG 或 JPEG 图片。"),
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "PNG 图片不完整（数据被截断）。"),
        (png()[:20], "PNG 图片不完整（数据被截断）。"),
        (png(ihdr_kind=b"IHDX"), "PNG 图片已损坏（找不到尺寸信息）。"),
        (png()[:40], "PNG 图片不完整（数据被截断）。"),
        (png()[:-12], "PNG 图片不完整（数据被截断）。"),
        (png(pixels=b"\x78\x9c" + bytes(30)), "PNG 图片已损坏（图像数据无法解压）。"),
        (png(pixels=zlib.compress(bytes(10))), "PNG 图片不完整（图像数据缺失）。"),
        (_bomb(), "PNG 图片已损坏（图像数据比尺寸所需的多）。"),
        (png(0, 3), "图片尺寸无效。"),
        (png(100_000, 100_000, pixels=b""), "图片像素过多（100000×100000），请缩小到 8000 万像素以内。"),
        (png()[:30] + b"\x00" + png()[31:], "PNG 图片已损坏（校验错误）。"),
        (
            JPEG[:4] + b"NOT!" + JPEG[8:],
            "这张图片无法写入 Word 文件（已损坏或格式特殊），请用图片软件另存为 PNG 或 JPEG 后再用。",
        ),
        (JPEG[:30], "JPEG 图片已损坏（找不到尺寸信息）。"),
        (JPEG[:-2], "JPEG 图片不完整（图像数据被截断）。"),
        (bytes(MAX_IMAGE_BYTES + 1), "图片过大（30 MB），请压缩到 30 MB 以内。"),
    ],
    ids=[
        "gif",
        "bmp",
        "png-signature-only",
        "png-cut-in-header",
        "png-without-ihdr",
        "png-cut-in-data",
        "png-without-end",
        "png-data-not-zlib",
        "png-data-short",
        "png-bomb",
        "png-zero-width",
        "png-pixel-bomb-header",
        "png-bad-crc",
        "jpeg-unknown-header",
        "jpeg-cut-in-header",
        "jpeg-cut-in-scan",
        "too-many-bytes",
    ],
)
def test_hostile_image_is_refused_with_its_reason(data: bytes, message: str) -> None:
    with pytest.raises(ImageError) as caught:
        media_from_bytes(data)
    assert str(caught.value) == message


def test_a_project_image_is_read_by_its_header_only() -> None:
    """From our own project file the body was checked when it came in: only the header is read."""
    item = media_from_bytes(png(pixels=zlib.compress(bytes(10))), decode=False)
    assert (item.width, item.height) == (4, 3)
    with pytest.raises(ImageError, match="不完整"):
        media_from_bytes(png()[:20], decode=False)
