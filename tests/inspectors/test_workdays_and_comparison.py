"""Pure rules: working days in England, and the self-assessment against team comparison."""

from datetime import date

import pytest

from inspectors.models import Rating
from inspectors.services.comparison import (
    Agreement,
    CertificateBar,
    SideView,
    StandardInfo,
    build_grid,
    meets_bar,
    suggest_team_rating,
    summarise,
)
from inspectors.services.workdays import (
    add_working_days,
    bank_holidays,
    easter_sunday,
    working_days_between,
)

R, A, G = Rating.RED, Rating.AMBER, Rating.GREEN


def test_bank_holidays_2026_and_2027_match_the_published_list():
    assert sorted(bank_holidays(2026)) == [
        date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4),
        date(2026, 5, 25), date(2026, 8, 31), date(2026, 12, 25), date(2026, 12, 28)]
    assert sorted(bank_holidays(2027)) == [
        date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 3),
        date(2027, 5, 31), date(2027, 8, 30), date(2027, 12, 27), date(2027, 12, 28)]


def test_easter_dates():
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    assert easter_sunday(2019) == date(2019, 4, 21)


def test_twenty_working_days_skips_weekends():
    # From Monday 9 March 2026 the twentieth working day would be Tuesday 7 April, but Good
    # Friday (3 April) and Easter Monday (6 April) do not count: it is Wednesday 8 April.
    assert add_working_days(date(2026, 3, 9), 20) == date(2026, 4, 8)
    assert add_working_days(date(2026, 2, 2), 20) == date(2026, 3, 2)


def test_working_days_over_christmas_skip_bank_holidays():
    # Friday 18 December 2026: 25 and 28 December and 1 January are holidays.
    assert add_working_days(date(2026, 12, 18), 5) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 18), 20) == date(2027, 1, 20)
    assert working_days_between(date(2026, 12, 18), date(2027, 1, 20)) == 20
    assert working_days_between(date(2027, 1, 20), date(2026, 12, 18)) == -20


def test_adding_working_days_from_a_weekend_starts_on_monday():
    assert add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 7), -1)


STANDARDS = [StandardInfo(i, f"S{i}", f"Standard {i}") for i in range(1, 7)]


def test_grid_has_one_row_per_standard_including_one_sided_and_unrated():
    provider = {1: SideView(G), 2: SideView(G, "We think so"), 3: SideView(R), 4: SideView(A)}
    team = {1: SideView(G), 2: SideView(R, "Nobody answered"), 3: SideView(A),
            5: SideView(A), 4: SideView(None, "", not_checked=True),
            99: SideView(R)}  # a standard not in the framework is ignored
    rows = build_grid(STANDARDS, provider, team)
    assert [r.agreement for r in rows] == [
        Agreement.SAME, Agreement.PROVIDER_HIGHER, Agreement.PROVIDER_LOWER,
        Agreement.ONLY_PROVIDER, Agreement.ONLY_TEAM, Agreement.NEITHER]
    assert rows[1].differs and rows[1].gap == 2
    assert "big difference" in rows[1].explanation
    assert rows[2].gap == 1 and "one step apart" in rows[2].explanation
    assert rows[3].one_sided and "could not check" in rows[3].explanation
    assert rows[4].one_sided and "did not rate itself" in rows[4].explanation
    assert "Neither" in rows[5].explanation
    summary = summarise(rows)
    assert (summary.same, summary.differ, summary.only_provider, summary.only_team,
            summary.neither) == (1, 2, 1, 1, 1)
    assert summary.team_counts == {"red": 1, "amber": 2, "green": 1}


def test_every_difference_is_said_in_words_not_colour_alone():
    rows = build_grid(STANDARDS[:2], {1: SideView(G), 2: SideView(A)}, {1: SideView(A)})
    assert rows[0].label.startswith("Different view")
    assert "green" in rows[0].explanation and "amber" in rows[0].explanation
    assert rows[1].label == "Only the service rated this"


@pytest.mark.parametrize("ratings, expected", [
    ([G, G, A], G), ([G, A], A), ([R, G, G, G], G), ([R, A, G, G], A), ([], None),
    ([None, None], None), ([R], R)])
def test_suggested_team_rating_is_the_lower_middle(ratings, expected):
    assert suggest_team_rating(ratings) == expected


def test_certificate_bar():
    bar = CertificateBar(min_green_percent=75, max_red=0)
    assert meets_bar([G, G, G, A], bar)
    assert not meets_bar([G, G, A, A], bar)
    assert not meets_bar([G] * 9 + [R], bar)
    assert meets_bar([G, G, G, None], bar)  # exactly 75%
    assert not meets_bar([G, G, None], bar)  # not checked counts against
    assert meets_bar([G] * 9 + [R], CertificateBar(75, 1))
    assert not meets_bar([], bar)
    assert "no standard rated red" in bar.describe()
