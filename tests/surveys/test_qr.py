"""QR codes made by the app decode to the right link (zbarimg from Debian's zbar-tools)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PIL import Image

from voice.qr import display_url, qr_matrix, qr_png, qr_svg

ZBARIMG = shutil.which("zbarimg")
needs_zbar = pytest.mark.skipif(
    ZBARIMG is None, reason="zbarimg is not installed (apt-get install zbar-tools) so QR codes "
                            "cannot be decoded here")


def decode(path) -> list[str]:
    result = subprocess.run([ZBARIMG, "--quiet", "--raw", str(path)], capture_output=True,
                            text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def rasterise(svg: str, scale: int = 8) -> Image.Image:
    """Draw our SVG's path (only "M x y h n v1 h-n z" runs) into a bitmap, as a printer would."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    image = Image.new("L", (size * scale, size * scale), 255)
    pixels = image.load()
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        for dx in range(int(width) * scale):
            for dy in range(scale):
                pixels[int(x) * scale + dx, int(y) * scale + dy] = 0
    return image


@needs_zbar
def test_png_from_the_app_decodes_to_the_link(client, login, factory, surveys, tmp_path):
    survey = surveys.survey()
    link = surveys.link(survey)
    login(factory.user("participation_officer"))
    response = client.get(f"/surveys/{survey.id}/links/{link.id}/qr.png")
    path = tmp_path / "code.png"
    path.write_bytes(response.data)
    assert decode(path) == [f"http://voice.test/s/{link.token}"]


@needs_zbar
def test_svg_from_the_app_decodes_to_the_link(client, login, factory, surveys, tmp_path):
    survey = surveys.survey()
    link = surveys.link(survey)
    login(factory.user("participation_officer"))
    svg = client.get(f"/surveys/{survey.id}/links/{link.id}/qr.svg").get_data(as_text=True)
    path = tmp_path / "code.png"
    rasterise(svg).save(path)
    assert decode(path) == [f"http://voice.test/s/{link.token}"]


@needs_zbar
def test_the_poster_s_code_decodes_to_the_link(client, login, factory, surveys, tmp_path):
    survey = surveys.survey()
    link = surveys.link(survey)
    login(factory.user("participation_officer"))
    html = client.get(f"/surveys/{survey.id}/links/{link.id}/poster").get_data(as_text=True)
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    path = tmp_path / "poster.png"
    rasterise(svg).save(path)
    assert decode(path) == [f"http://voice.test/s/{link.token}"]


def test_svg_is_one_compact_path_with_an_accessible_name():
    svg = qr_svg("https://voice.example/s/abc2345", label="QR code for voice.example/s/abc2345")
    assert svg.count("<path") == 1 and 'role="img"' in svg
    assert "<title>QR code for voice.example/s/abc2345</title>" in svg
    assert len(svg) < 6000
    assert 'aria-hidden="true"' in qr_svg("https://voice.example/s/abc2345")


def test_svg_draws_exactly_the_dark_modules():
    matrix = qr_matrix("https://voice.example/s/abc2345")
    image = rasterise(qr_svg("https://voice.example/s/abc2345"), scale=1)
    drawn = [[image.getpixel((x, y)) == 0 for x in range(len(matrix))] for y in range(len(matrix))]
    assert drawn == [[bool(v) for v in row] for row in matrix]


def test_png_is_a_png_with_a_quiet_zone():
    data = qr_png("https://voice.example/s/abc2345", box_size=4)
    assert data.startswith(b"\x89PNG")


def test_display_url_drops_the_scheme():
    assert display_url("https://voice.example/s/abc2345/") == "voice.example/s/abc2345"
