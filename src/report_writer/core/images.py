"""Read the type and pixel size of a PNG or JPEG with python-docx's header reader (the Word writer
reads it the same way later, so what it cannot read is refused here, with our words), and check an
image that comes from outside in full: a valid header over a broken body would otherwise pass the
import and fail in Word or in the export. A PNG is decompressed (CRC of every chunk, exact pixel
data size, a pixel budget against decompression bombs); a JPEG's segments and entropy-coded scans
are walked to the end marker. No imaging library and no Qt."""

from __future__ import annotations

import hashlib
import logging
import struct
import zlib

from report_writer.core.model import MediaItem

MAX_IMAGE_BYTES = 30 * 1024 * 1024
MAX_PIXELS = 80_000_000  # a 10,000 × 8,000 photo; a PNG bomb declares far more
log = logging.getLogger(__name__)


class ImageError(ValueError):
    pass


_KINDS = {b"\x89PNG\r\n\x1a\n": ("PNG", "image/png"), b"\xff\xd8": ("JPEG", "image/jpeg")}


def _header(data: bytes) -> tuple[str, int, int]:
    """(mime, width, height) from the header, by python-docx; our signatures first, so that any other
    format (GIF, BMP, TIFF, which python-docx would read) is refused by name."""
    kind = next((k for signature, k in _KINDS.items() if data.startswith(signature)), None)
    if kind is None:
        raise ImageError("不支持的图片格式：请使用 PNG 或 JPEG 图片。")
    from docx.image.exceptions import UnexpectedEndOfFileError, UnrecognizedImageError
    from docx.image.image import Image

    try:
        image = Image.from_blob(data)
        width, height = image.px_width, image.px_height
    except UnrecognizedImageError as exc:  # a JPEG without a JFIF or Exif header, for one
        log.info("python-docx does not know this image: %s", exc)
        raise ImageError(
            "这张图片无法写入 Word 文件（已损坏或格式特殊），请用图片软件另存为 PNG 或 JPEG 后再用。"
        ) from exc
    except UnexpectedEndOfFileError as exc:
        raise ImageError(f"{kind[0]} 图片不完整（数据被截断）。") from exc
    except Exception as exc:  # python-docx raises several kinds for a broken header (no IHDR, bad lengths …)
        log.info("python-docx cannot read an image header: %r", exc)
        raise ImageError(f"{kind[0]} 图片已损坏（找不到尺寸信息）。") from exc
    if image.content_type != kind[1]:
        raise ImageError("不支持的图片格式：请使用 PNG 或 JPEG 图片。")
    return kind[1], width, height


_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def _png_body(data: bytes, width: int, height: int) -> None:
    """Every chunk's CRC, IHDR first and IEND last, and the image data decompressing to exactly the
    size the header promises (never more: the output is bounded as it is produced)."""
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise ImageError("PNG 图片已损坏（缺少 IHDR）。")
    pos, idat, seen_end = 8, zlib.decompressobj(), False
    depth, color, interlace = data[24], data[25], data[28]
    if color not in _PNG_CHANNELS or depth not in (1, 2, 4, 8, 16):
        raise ImageError("PNG 图片已损坏（颜色格式无效）。")
    row = (width * depth * _PNG_CHANNELS[color] + 7) // 8 + 1
    expected = height * row if not interlace else None
    limit = (expected or height * row * 2) + 1
    produced = 0
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ImageError("PNG 图片不完整（数据被截断）。")
        if zlib.crc32(data[pos + 4 : pos + 8 + length]) != struct.unpack(">I", data[end - 4 : end])[0]:
            raise ImageError("PNG 图片已损坏（校验错误）。")
        if kind == b"IDAT":
            try:
                produced += len(idat.decompress(data[pos + 8 : pos + 8 + length], limit - produced))
            except zlib.error as exc:
                raise ImageError("PNG 图片已损坏（图像数据无法解压）。") from exc
            if produced >= limit:
                raise ImageError("PNG 图片已损坏（图像数据比尺寸所需的多）。")
        elif kind == b"IEND":
            seen_end = True
            break
        pos = end
    if not seen_end:
        raise ImageError("PNG 图片不完整（缺少结束标记）。")
    if not idat.eof or (expected is not None and produced != expected):
        raise ImageError("PNG 图片不完整（图像数据缺失）。")


_SOF = (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF)


def _jpeg_body(data: bytes) -> None:
    """Walk every segment and scan: lengths inside the file, a frame header and a scan, the end marker."""
    pos, frame, scans = 2, False, 0
    while True:
        if pos + 2 > len(data):
            raise ImageError("JPEG 图片不完整（缺少结束标记）。")
        if data[pos] != 0xFF:
            raise ImageError("JPEG 图片已损坏（段结构错误）。")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            break
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if pos + 4 > len(data):
            raise ImageError("JPEG 图片不完整（数据被截断）。")
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2 or pos + 2 + length > len(data):
            raise ImageError("JPEG 图片不完整（数据被截断）。")
        frame = frame or marker in _SOF
        pos += 2 + length
        if marker == 0xDA:  # entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or RSTn
            scans += 1
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= len(data):
                    raise ImageError("JPEG 图片不完整（图像数据被截断）。")
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos += 1 if following == 0xFF else 2
                    continue
                break
    if not frame or not scans:
        raise ImageError("JPEG 图片已损坏（缺少图像数据）。")


def media_from_bytes(data: bytes, decode: bool = True) -> MediaItem:
    """Wrap image bytes as a MediaItem; only PNG and JPEG are accepted. With `decode` (whenever the
    image comes from outside) the whole body is checked, not only the header."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageError(f"图片过大（{len(data) // 1024 // 1024} MB），请压缩到 30 MB 以内。")
    mime, width, height = _header(data)
    if width <= 0 or height <= 0:
        raise ImageError("图片尺寸无效。")
    if width * height > MAX_PIXELS:
        raise ImageError(f"图片像素过多（{width}×{height}），请缩小到 8000 万像素以内。")
    if decode:
        if mime == "image/png":
            _png_body(data, width, height)
        else:
            _jpeg_body(data)
    return MediaItem(hashlib.sha256(data).hexdigest(), mime, width, height, data)
