"""The board paragraph is written from the figures and never states a hidden one."""

from __future__ import annotations

from voice.summaries.narrative import write_summary


def doc(**facts):
    base = {
        "period": {"label": "Quarter 2 of 2026 to 2027 (July to September 2026)"},
        "comparison": {"label": "Quarter 1 of 2026 to 2027 (April to June 2026)"},
        "scope": {"description": "CAMHS in Northdale Central"},
        "facts": {"responses": 412, "cards": 37, "items": 530, "fft_positive": 81.5,
                  "fft_positive_comparison": 77.0, "commitments": 12, "commitments_red": 2,
                  "commitments_overdue": 1,
                  "red_commitments": [{"we_will": "Text reminders the day before.",
                                       "service": "CAMHS", "due_date": "2026-08-01"}],
                  "inspections": 1, "disagreements": 3},
        "tables": {"themes": {"rows": [
            {"theme": "Waiting and getting seen", "items": 160, "share": 30.2, "net": -45,
             "change": 6.5},
            {"theme": "Staff attitude and respect", "items": 120, "share": 22.6, "net": 52,
             "change": -1.0},
            {"theme": "Praise", "items": 80, "share": 15.1, "net": 90, "change": -8.25},
            {"theme": "Online and phone contact", "items": 40, "share": 7.5, "net": 0,
             "change": 0.5},
            {"theme": "Feeling safe", "items": {"suppressed": "primary"}, "share": None,
             "net": None, "change": None},
        ]}},
    }
    base["facts"].update(facts)
    return base


def test_the_paragraph_names_the_largest_themes_biggest_changes_and_red_commitments():
    text = write_summary(doc())
    assert text.startswith("In Quarter 2 of 2026 to 2027 (July to September 2026), CAMHS in "
                           "Northdale Central received 412 survey responses and 37 action cards")
    assert "81.5% said their experience was good or very good, up 4.5 percentage points" in text
    assert ("The largest themes were waiting and getting seen (30.2% of items, mostly "
            "negative), staff attitude and respect (22.6% of items, mostly positive) and praise "
            "(15.1% of items, mostly positive).") in text
    assert "praise fell by 8.25 percentage points and waiting and getting seen rose by 6.5" in text
    assert "Of 12 commitments made to young people, 2 are red" in text
    assert "\u201cText reminders the day before\u201d, CAMHS" in text
    assert "1 is overdue" in text
    assert "providers rated themselves differently on 3 standards" in text
    assert "Feeling safe" not in text


def test_hidden_counts_read_fewer_than_five():
    text = write_summary(doc(responses={"suppressed": "primary"}, cards=0, items={
        "suppressed": "primary"}, fft_positive=None, commitments=0, inspections=0))
    assert "received fewer than 5 survey responses and no action cards." in text
    assert "Friends and Family Test" not in text
    assert "No commitments to young people were open in this period." in text


def test_small_moves_are_not_called_changes():
    quiet = doc()
    for row in quiet["tables"]["themes"]["rows"]:
        if isinstance(row.get("change"), float):
            row["change"] = 0.4
    text = write_summary(quiet)
    assert "biggest change" not in text
    assert "No theme's share moved by as much as 1 percentage point since Quarter 1" in text
