"""CSV and XLSX exports: stable columns, values as documented, read back with openpyxl."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from surveys import exports
from surveys.results import Filters, scope_for
from tests.support.fake_analysis import Analysis, fake_analyser
from tests.support.surveys_factories import EVERY_TYPE
from voice.summaries.periods import london_date


@pytest.fixture(autouse=True)
def analysis(monkeypatch):
    def fake(text, question_kind=None):
        return Analysis(redacted_text=text.replace("Jo", "[name]"),
                        safeguarding="unsafe" in text)

    fake_analyser(monkeypatch, fake)


EXPECTED_COLUMNS = ["response_id", "submitted_on", "survey_id", "link_token", "service", "place",
                    "channel", "language"] + [spec["code"] for spec in EVERY_TYPE]

FULL = {"fft": "poor", "why_poor": "not_listened_to", "visit": "2",
        "good_bits": ["on_time", "safe_place"], "listened": "not_sure", "one_word": "=SUM(A1)",
        "better": "Jo said 😀 شكرا", "visits": "12", "about_age": "14-15",
        "about_gender": "non-binary", "about_ethnicity": "mixed", "about_disability": "yes",
        "about_care": "prefer_not", "about_carer": "no"}


@pytest.fixture()
def exported(surveys, factory):
    survey = surveys.survey()
    link = surveys.link(survey, service=factory.service("Clinic"), area=factory.area("Eastmoor"))
    full = surveys.response(link, FULL)
    surveys.response(link, {"fft": "good"})
    surveys.response(link, {"fft": "very_poor", "better": "I feel unsafe"})
    return {"survey": survey, "link": link, "full": full}


def csv_rows(session, user, survey, **filters):
    data = exports.to_csv(session, scope_for(session, user, survey, Filters(**filters)))
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark, for spreadsheet programs
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_stable_columns_and_documented_values(session, factory, exported):
    rows = csv_rows(session, factory.user("participation_officer"), exported["survey"])
    assert rows[0] == EXPECTED_COLUMNS
    full = dict(zip(rows[0], rows[1], strict=True))
    link = exported["link"]
    assert full["response_id"] == str(exported["full"].id)
    # The date, never the time: with the place and "about you" it could single a child out.
    assert full["submitted_on"] == london_date(exported["full"].created_at).isoformat()
    assert (full["link_token"], full["service"], full["place"], full["channel"]) == (
        link.token, "Clinic", "Eastmoor", "poster")
    assert full["fft"] == "Poor"  # the national wording
    assert full["why_poor"] == "Not listened to"
    assert full["visit"] == "2"
    assert full["good_bits"] == "On time; Safe place"
    assert full["listened"] == "Not sure"
    assert full["one_word"] == "'=SUM(A1)"  # never run as a formula
    assert full["better"] == "Jo said 😀 شكرا"
    assert full["visits"] == "12"
    assert full["about_age"] == "14 or 15"
    assert full["about_gender"] == "non-binary"
    assert full["about_ethnicity"] == "Mixed or multiple ethnic groups"
    assert full["about_care"] == "Prefer not to say"
    assert len(rows) == 4


def test_commissioners_and_providers_never_get_one_row_per_young_person(session, factory,
                                                                         exported):
    for user in (factory.user("commissioner"),
                 factory.user("provider", organisation=exported["link"].service.provider)):
        rows = csv_rows(session, user, exported["survey"])
        assert rows[0] == exports.SUMMARY_COLUMNS
        flat = " ".join(" ".join(row) for row in rows)
        # No response ids, times, places or "about you" answers of one person; counts of 1 to
        # 4 are "fewer than 5"; no words from 3 answers (too few), and nothing that marks
        # the answer passed to the safeguarding lead.
        assert str(exported["full"].id) not in [row[0] for row in rows]
        assert "Eastmoor" not in flat and "non-binary" not in flat
        assert "said" not in flat and "unsafe" not in flat and "safeguarding" not in flat.lower()
        responses = rows[1]
        assert responses[:2] == ["", "Responses"] and responses[3] == "fewer than 5"
        counts = [row[3] for row in rows[1:] if row[3]]
        assert all(c in ("fewer than 5", "not shown", "0") for c in counts), counts


def test_the_summary_export_shows_counts_of_5_or_more_and_approved_words(session, factory,
                                                                        surveys, exported):
    from sqlalchemy import select

    from voice.loop.models import VoiceItem

    for i in range(5):
        surveys.response(exported["link"], {"fft": "good", "better": f"More staff please {i}"})
    for item in session.scalars(select(VoiceItem)):
        if not item.is_safeguarding:
            item.state, item.public_text = "approved", item.redacted_text
    rows = csv_rows(session, factory.user("commissioner"), exported["survey"])
    by_answer = {(row[0], row[2]): row[3:] for row in rows[1:]}
    assert by_answer[("", "")] == ["8", ""]  # responses
    assert by_answer[("fft", "Poor")] == ["fewer than 5", ""]
    assert by_answer[("fft", "Very poor")] == ["fewer than 5", ""]
    # 1 + 1 is still under 5, and 8 answered: "good" would give them away, so it is hidden too.
    assert by_answer[("fft", "Good")] == ["not shown", ""]
    assert by_answer[("fft", "Very good")] == ["0", "0.0"]
    words = [row[2] for row in rows if row[0] == "better" and row[3] == ""]
    assert "[name] said 😀 شكرا" in words and "More staff please 0" in words
    assert not any("unsafe" in w for w in words)


def test_csv_follows_filters(session, factory, exported):
    rows = csv_rows(session, factory.user("admin"), exported["survey"], link_id=-5)
    assert len(rows) == 1  # the header only


def test_xlsx_reads_back_with_the_same_columns_and_values(session, factory, exported):
    scope = scope_for(session, factory.user("participation_officer"), exported["survey"],
                      Filters())
    workbook = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(session, scope)))
    sheet = workbook["Responses"]
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert list(rows[0]) == EXPECTED_COLUMNS
    full = dict(zip(rows[0], rows[1], strict=True))
    assert full["visit"] == 2 and full["visits"] == 12  # numbers as numbers
    assert full["fft"] == "Poor" and full["better"] == "Jo said 😀 شكرا"
    assert full["one_word"] == "=SUM(A1)"
    cell = sheet.cell(row=2, column=EXPECTED_COLUMNS.index("one_word") + 1)
    assert cell.data_type == "s"  # text, not a formula
    assert len(rows) == 4
    about = workbook["Questions"]
    described = {row[0]: row for row in about.iter_rows(min_row=2, values_only=True)}
    assert set(described) == {spec["code"] for spec in EVERY_TYPE}
    assert "Very good" in described["fft"][3]


def test_export_routes_send_files_with_dated_names(client, login, factory, exported):
    login(factory.user("participation_officer"))
    survey_id = exported["survey"].id
    response = client.get(f"/surveys/{survey_id}/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f"survey-{survey_id}-responses-" in response.headers["Content-Disposition"]
    response = client.get(f"/surveys/{survey_id}/export.xlsx?link={exported['link'].id}")
    assert response.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(response.data))["Responses"].max_row == 4
