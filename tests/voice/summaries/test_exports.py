"""CSV and Excel exports hold the same suppressed figures as the page, safely."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.support.summaries_factories import SummariesFactory, at
from voice.auth.roles import Role
from voice.summaries.exports import table_csv, workbook


@pytest.fixture()
def doc(factory):
    w = SummariesFactory(factory)
    service = factory.service("=HYPERLINK(\"http://evil\")")
    for kind, n in (("stop", 3), ("start", 5), ("change", 7)):
        for _ in range(n):
            w.card(service, kind, at(2026, 5, 15))
    return w.summary(period="quarter:2026-Q1")


def rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_has_a_header_every_row_and_the_total_with_hidden_counts_in_words(doc):
    got = rows(table_csv(doc["tables"]["cards"]))
    assert got[0] == ["Young people asked us to", "Cards", "Share (%)",
                      "Cards in comparison period", "Change"]
    assert got[1:] == [["Stop", "fewer than 5", "fewer than 5", "0", ""],
                       ["Start", "not shown", "not shown", "0", ""],
                       ["Change", "7", "46.7", "0", "7"],
                       ["Total", "15", "", "0", "15"]]


def test_csv_never_starts_a_cell_with_a_formula(doc):
    text = table_csv(doc["tables"]["commitments_overdue"] | {
        "rows": [{"we_will": "=1+1", "you_said": "@SUM(A1)", "service": "-2", "owner": "+x",
                  "due_date": "2026-05-01", "days_overdue": -3, "status": "ok"}]})
    body = rows(text)[1]
    assert body[:4] == ["'=1+1", "'@SUM(A1)", "'-2", "'+x"]
    assert body[5] == "-3"  # numbers stay numbers


def test_the_workbook_has_an_about_sheet_and_one_sheet_per_table(doc):
    book = load_workbook(io.BytesIO(workbook(doc)))
    assert book.sheetnames[0] == "About"
    assert len(book.sheetnames) == 1 + len(doc["tables"])
    assert book.sheetnames[1:4] == ["At a glance", "Friends and Family Test",
                                    "FFT month by month"]
    about = book["About"]
    assert about["A1"].value == "Summary of" and about["B1"].value == "The whole system"
    sheet = book["Action cards"]
    assert [c.value for c in sheet[1]] == ["Young people asked us to", "Cards", "Share (%)",
                                           "Cards in comparison period", "Change"]
    assert [c.value for c in sheet[2]][:3] == ["Stop", "fewer than 5", "fewer than 5"]
    change = [c for c in sheet[4]]
    assert change[1].value == 7 and change[2].value == pytest.approx(0.467)
    assert change[2].number_format == "0.0%"
    assert sheet["A5"].value == "Total" and sheet["B5"].value == 15


def test_text_in_the_workbook_is_never_a_formula(doc):
    book = load_workbook(io.BytesIO(workbook(doc)))
    for sheet in book.worksheets:
        for line in sheet.iter_rows():
            for cell in line:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def test_downloads_from_the_dashboard(doc, factory, login, client):
    login(factory.user(Role.COMMISSIONER))
    response = client.get("/summaries/export/cards.csv?period=quarter:2026-Q1")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="voice-cards-the-whole-system-2026-04-01-to-2026-06-30.csv"' in \
        response.headers["Content-Disposition"]
    assert rows(response.get_data(as_text=True))[1][1] == "fewer than 5"
    response = client.get("/summaries/export/all.xlsx?period=quarter:2026-Q1")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.data)).sheetnames[0] == "About"
    single = client.get("/summaries/export/cards.xlsx?period=quarter:2026-Q1")
    assert load_workbook(io.BytesIO(single.data)).sheetnames == ["About", "Action cards"]
    assert client.get("/summaries/export/all.csv").status_code == 404
