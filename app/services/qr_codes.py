"""QR codes for partner links, as SVG and PNG, made with segno (never drawn by hand)."""

import io

import segno


def qr_code(url: str, *, kind: str) -> bytes:
    """Return a QR code of `url` as "svg" or "png" bytes, with a quiet zone and medium repair."""
    code = segno.make(url, error="m")
    buffer = io.BytesIO()
    if kind == "svg":
        code.save(buffer, kind="svg", scale=8, border=4, title=f"QR code for {url}")
    else:
        code.save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()
