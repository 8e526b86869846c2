"""Read the type and pixel size of a PNG or JPEG without any imaging library (and without Qt)."""

from __future__ import annotations

import hashlib
import struct

from report_writer.core.model import MediaItem

MAX_IMAGE_BYTES = 30 * 1024 * 1024


class ImageError(ValueError):
    pass


def _png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ImageError("PNG 图片已损坏（缺少 IHDR）。")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int]:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            pos += 1
            continue
        marker = data[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    raise ImageError("JPEG 图片已损坏（找不到尺寸信息）。")


def media_from_bytes(data: bytes) -> MediaItem:
    """Wrap image bytes as a MediaItem; only PNG and JPEG are accepted."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageError(f"图片过大（{len(data) // 1024 // 1024} MB），请压缩到 30 MB 以内。")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
        width, height = _png_size(data)
    elif data.startswith(b"\xff\xd8"):
        mime = "image/jpeg"
        width, height = _jpeg_size(data)
    else:
        raise ImageError("不支持的图片格式：请使用 PNG 或 JPEG 图片。")
    if width <= 0 or height <= 0:
        raise ImageError("图片尺寸无效。")
    return MediaItem(hashlib.sha256(data).hexdigest(), mime, width, height, data)
