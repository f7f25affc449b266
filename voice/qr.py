"""QR codes as SVG and PNG, and small helpers for printable posters and cards.

Generic on purpose: survey links and action card links both use it. Nothing here knows about
surveys; give it the full address the code should open.

- :func:`qr_svg` — a compact SVG (one path, scales to any size, prints crisply), usable inline
  in a page or served as ``image/svg+xml``.
- :func:`qr_png` — PNG bytes for people who paste the code into their own documents.
- :func:`display_url` — the address as people should type it, without ``https://``.

Error correction is "M" (about 15% of the code can be damaged or dirty and still scan): a
good balance for posters on clinic walls and cards in pockets.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from markupsafe import escape

if TYPE_CHECKING:
    import qrcode

QUIET_ZONE = 4  # modules of white space around the code, as the standard asks


def _code(data: str, error_correction: str, border: int) -> qrcode.QRCode:
    # imported when a code is drawn: qrcode imports Pillow, 3 MB in every process otherwise
    import qrcode
    from qrcode import constants

    level = {"L": constants.ERROR_CORRECT_L, "M": constants.ERROR_CORRECT_M,
             "Q": constants.ERROR_CORRECT_Q, "H": constants.ERROR_CORRECT_H}[error_correction]
    code = qrcode.QRCode(error_correction=level, border=border)
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_matrix(data: str, *, error_correction: str = "M", border: int = QUIET_ZONE
              ) -> list[list[bool]]:
    """The modules (True is dark), including the quiet zone."""
    return _code(data, error_correction, border).get_matrix()


def qr_svg(data: str, *, label: str | None = None, error_correction: str = "M",
           border: int = QUIET_ZONE, size: str | None = None, css_class: str | None = None) -> str:
    """An ``<svg>`` element drawing the code for ``data``.

    ``label`` becomes its accessible name (say where the code goes, for example "QR code for
    the survey at voice.example/s/abc2345"); without one the image is hidden from screen
    readers, for pages that already give the address in words. ``size`` sets the width and
    height (for example "60mm"); otherwise CSS decides.
    """
    matrix = qr_matrix(data, error_correction=error_correction, border=border)
    n = len(matrix)
    path = []
    for y, row in enumerate(matrix):
        x = 0
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                path.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    attributes = [f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}"',
                  'shape-rendering="crispEdges"']
    if size:
        attributes.append(f'width="{escape(size)}" height="{escape(size)}"')
    if css_class:
        attributes.append(f'class="{escape(css_class)}"')
    if label:
        attributes.append(f'role="img" aria-label="{escape(label)}"')
    else:
        attributes.append('aria-hidden="true" focusable="false"')
    title = f"<title>{escape(label)}</title>" if label else ""
    return (f'<svg {" ".join(attributes)}>{title}<rect width="{n}" height="{n}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(path)}"/></svg>')


def qr_png(data: str, *, box_size: int = 10, error_correction: str = "M",
           border: int = QUIET_ZONE) -> bytes:
    """PNG bytes, ``box_size`` pixels per module (10 gives about 370 pixels for a short link)."""
    code = _code(data, error_correction, border)
    code.box_size = box_size
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def display_url(url: str) -> str:
    """The address to print under a code: no scheme, no trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    return url.rstrip("/")
