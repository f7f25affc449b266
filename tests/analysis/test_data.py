"""Loading CSV files, including the NHS Friends and Family Test data."""

from __future__ import annotations

import pytest

from voice.analysis.data import DataError, load_nhs_fft, read_csv, sentiment_from_criticality


def test_nhs_loader_skips_malformed_criticality_without_crashing(tmp_path):
    path = tmp_path / "nhs.csv"
    path.write_text(
        "code,label,subcategory,feedback,criticality,organization,question,row_index\n"
        "xn,Couldn't be improved,Nothing to improve,Nothing.,3,Trust A,Trust A - Q1,0\n"
        "ss,Staff,Staff: General,Rude,-3,Trust A,Trust A - Q1,1\n"
        "cc,Care received,Care received,Ok,0,Trust B,Trust B - Q1,2\n"
        'cc,Care received,Care received,"Odd, value",-o,Trust B,Trust B - Q1,3\n'
        "cc,Care received,Care received,Also odd,NA,Trust B,Trust B - Q1,4\n"
        "cc,Care received,Care received,Odd too,SS,Trust C,Trust C - Q2,5\n",
        encoding="utf-8",
    )
    comments = load_nhs_fft(path)
    assert [c.sentiment for c in comments] == ["positive", "negative", "neutral", None, None, None]
    assert comments[3].text == "Odd, value"
    assert comments[0].row == 2


@pytest.mark.parametrize(
    ("value", "label"), [(-4, "negative"), (0, "neutral"), (3, "positive"), (None, None)]
)
def test_sentiment_from_criticality(value, label):
    assert sentiment_from_criticality(value) == label


def test_windows_1252_files_are_read(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("text\ncaf\u00e9 was great \u2013 really\n".encode("cp1252"))
    assert read_csv(path).rows[0]["text"] == "caf\u00e9 was great \u2013 really"


def test_duplicate_header_names_are_refused(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("text,text\na,b\n", encoding="utf-8")
    with pytest.raises(DataError, match='column "text"'):
        read_csv(path)


def test_blank_lines_are_skipped_and_rows_keep_their_numbers(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("text\na\n\nb\n", encoding="utf-8")
    table = read_csv(path)
    assert [r["text"] for r in table.rows] == ["a", "b"]
    assert table.row_numbers == [2, 4]
