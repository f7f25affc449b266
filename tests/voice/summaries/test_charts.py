"""SVG charts: labelled for screen readers, no script or inline style, hidden values as gaps."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from voice.summaries.charts import Bar, bar_chart, line_chart, paired_bar_chart, sparkline

SVG = "{http://www.w3.org/2000/svg}"
HIDDEN = {"suppressed": "primary"}


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_a_bar_chart_is_an_image_named_by_its_title_and_description():
    svg = parse(bar_chart("c1", "Answers", [Bar("Good", 12), Bar("Poor", HIDDEN)]))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find(f"{SVG}title").text == "Answers"
    description = svg.find(f"{SVG}desc").text
    assert "Good: 12" in description and "Poor: fewer than 5" in description
    # one bar drawn: the hidden value leaves a gap
    assert len(svg.findall(f"{SVG}rect")) == 1


def test_charts_have_no_script_no_inline_style_and_escape_labels():
    markup = str(bar_chart("c2", "<b>x</b>", [Bar("A & B <script>", 3)]))
    assert "<script" not in markup and "style=" not in markup
    assert "&lt;b&gt;" in markup and "A &amp; B &lt;script&gt;" in markup
    parse(markup)


def test_a_line_breaks_where_values_are_missing():
    svg = parse(line_chart("c3", "Positive", ["Jan", "Feb", "Mar", "Apr", "May"],
                           [50, 60, None, 70, 80], unit="%", maximum=100))
    lines = svg.findall(f"{SVG}polyline")
    assert len(lines) == 2
    assert len(svg.findall(f"{SVG}circle")) == 4
    assert "Mar: no data" in svg.find(f"{SVG}desc").text


def test_a_line_chart_with_nothing_says_so():
    svg = parse(line_chart("c4", "Positive", ["Jan"], [None]))
    assert "Not enough answers" in ET.tostring(svg, encoding="unicode")


def test_paired_bars_and_sparklines_are_labelled_too():
    svg = parse(paired_bar_chart("c5", "Who", [("Girls", 40.0, 48.5)], ("Answers", "People")))
    assert "Girls: Answers 40%, People 48.5%" in svg.find(f"{SVG}desc").text
    spark = parse(sparkline("s1", "Waiting", ["Jan", "Feb"], [3, HIDDEN]))
    assert spark.get("role") == "img"
    assert re.search(r"Feb: fewer than 5", spark.find(f"{SVG}desc").text)
