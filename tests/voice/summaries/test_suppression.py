"""Small-number suppression: primary at 1 to 4, secondary so totals never reveal a hidden cell."""

from __future__ import annotations

import itertools

import pytest

from voice.summaries.suppression import (
    FEWER_THAN,
    NOT_SHOWN,
    PRIMARY,
    SECONDARY,
    display,
    percent,
    suppress_count,
    suppress_counts,
    suppress_grid,
    suppress_lines,
)


def marks_of(grid):
    return {pos: mark for pos, mark in grid.marks.items()}


def test_four_is_hidden_five_is_shown_zero_is_shown():
    assert suppress_count(4) == {"suppressed": PRIMARY}
    assert suppress_count(1) == {"suppressed": PRIMARY}
    assert suppress_count(5) == 5
    assert suppress_count(0) == 0


def test_counts_of_five_or_more_with_their_total_are_untouched():
    grid = suppress_counts([5, 12, 30])
    assert grid.marks == {}
    assert [grid.cell(0, c) for c in range(3)] == [5, 12, 30]
    assert grid.row_total(0) == 47


def test_one_small_cell_hides_the_next_smallest_so_the_total_cannot_reveal_it():
    # 4 + 20 + 9 = 33: showing 20, 9 and 33 would give away the 4.
    grid = suppress_counts([4, 20, 9])
    assert grid.cell(0, 0) == {"suppressed": PRIMARY}
    assert grid.cell(0, 2) == {"suppressed": SECONDARY}  # 9 is the smallest other count
    assert grid.cell(0, 1) == 20
    assert grid.row_total(0) == 33


def test_secondary_prefers_a_non_zero_cell_over_a_zero():
    grid = suppress_counts([3, 0, 40])
    assert grid.marks == {(0, 0): PRIMARY, (0, 2): SECONDARY}
    assert grid.cell(0, 1) == 0


def test_two_small_cells_that_add_up_to_under_five_are_not_enough():
    # 2 + 2 = 4 could be read off the total: a third figure must go too.
    grid = suppress_counts([2, 2, 50, 60])
    assert grid.mark(0, 0) == PRIMARY and grid.mark(0, 1) == PRIMARY
    assert grid.mark(0, 2) == SECONDARY
    assert grid.mark(0, 3) is None


def test_two_small_cells_adding_up_to_five_or_more_protect_each_other():
    grid = suppress_counts([3, 4, 50])
    assert grid.marks == {(0, 0): PRIMARY, (0, 1): PRIMARY}


def test_small_cells_at_their_limit_are_given_away_by_the_total_so_more_is_hidden():
    # 52 - 40 = 12 can only be 4 + 4 + 4.
    grid = suppress_counts([4, 4, 4, 40])
    assert grid.mark(0, 3) == SECONDARY


def test_one_and_five_make_six_only_one_way():
    # "fewer than 5" + "not shown" = 6 can only be 1 + 5: the total goes too.
    grid = suppress_counts([1, 5])
    assert grid.mark(0, 0) == PRIMARY and grid.mark(0, 1) == SECONDARY
    assert grid.row_total(0) == {"suppressed": SECONDARY}


def test_a_small_total_is_hidden_as_well():
    grid = suppress_counts([3, 0])
    assert grid.row_total(0) == {"suppressed": PRIMARY}
    assert grid.cell(0, 0) == {"suppressed": PRIMARY}


def test_without_a_published_total_only_small_cells_are_hidden():
    grid = suppress_counts([4, 20, 9], total=False)
    assert grid.marks == {(0, 0): PRIMARY}


def test_grid_with_row_and_column_totals_is_safe_in_every_line():
    grid = suppress_grid([[3, 10, 12], [8, 9, 20], [15, 14, 30]], row_totals=True,
                         column_totals=True)
    hidden = set(grid.marks)
    lines = [[(r, c) for c in range(3)] + [(r, -1)] for r in range(3)]
    lines += [[(r, c) for r in range(3)] + [(-1, c)] for c in range(3)]
    for line in lines:
        count = sum(1 for pos in line if pos in hidden)
        assert count != 1, f"line {line} has a single hidden cell"
    assert grid.mark(0, 0) == PRIMARY


def brute_force_solutions(values, marks, lines):
    """Every assignment of hidden cells consistent with what a reader sees (small tables).

    A reader knows "fewer than 5" is 1 to 4 (zero is shown as 0) and "not shown" is 0 or 5+.
    """
    hidden = [k for k in values if k in marks]
    top = max(values.values()) + 10
    ranges = [range(1, 5) if marks[k] == PRIMARY else [0, *range(5, top)] for k in hidden]
    solutions = []
    for guess in itertools.product(*ranges):
        trial = dict(values)
        trial.update(zip(hidden, guess, strict=True))
        if all(sum(trial[k] for k in line[:-1]) == trial[line[-1]] for line in lines):
            solutions.append(tuple(guess))
    return solutions


def _random_tables(count=150, seed=6):
    import random

    rng = random.Random(seed)
    return [[rng.choice([0, 1, 2, 3, 4, 4, 5, 6, 9, 15]) for _ in range(rng.randint(2, 5))]
            for _ in range(count)]


@pytest.mark.parametrize("cells", [
    [4, 20, 9], [1, 5, 6], [2, 2, 50, 60], [4, 4, 4, 40], [0, 3, 7, 0], [1, 30], [4, 5],
    [1, 5], [1, 1, 1, 1, 1, 50], [4, 4, 9], [3, 3, 3], [1, 4, 0, 0],
    *_random_tables(),
])
def test_no_hidden_cell_can_be_worked_out_from_the_total(cells):
    values = {("c", i): v for i, v in enumerate(cells)}
    values["total"] = sum(cells)
    lines = [[*(("c", i) for i in range(len(cells))), "total"]]
    marks = suppress_lines(values, lines)
    if not marks:
        return
    solutions = brute_force_solutions(values, marks, lines)
    hidden = [k for k in values if k in marks]
    for index, key in enumerate(hidden):
        if marks[key] != PRIMARY:
            continue  # complements protect the small counts; they are not small themselves
        possible = {solution[index] for solution in solutions}
        assert len(possible) > 1, f"{key} could be worked out: always {possible}"


def test_sub_totals_are_lines_too():
    # Very good 20, good 3: "positive" = 23 would give away the 3.
    values = {"very_good": 20, "good": 3, "poor": 10, "very_poor": 12, "total": 45,
              "positive": 23}
    lines = [["very_good", "good", "poor", "very_poor", "total"],
             ["very_good", "good", "positive"]]
    marks = suppress_lines(values, lines)
    assert marks["good"] == PRIMARY
    assert "positive" in marks or "very_good" in marks
    # and the positive line holds at least two hidden entries
    assert sum(1 for k in ["very_good", "good", "positive"] if k in marks) >= 2


def test_lines_must_add_up():
    with pytest.raises(ValueError):
        suppress_lines({"a": 1, "b": 2, "t": 4}, [["a", "b", "t"]])


def test_counts_must_be_whole_and_not_negative():
    with pytest.raises(ValueError):
        suppress_count(-1)
    with pytest.raises(ValueError):
        suppress_counts([1.5, 2])
    with pytest.raises(ValueError):
        suppress_count(True)


def test_display_words():
    assert display({"suppressed": PRIMARY}) == FEWER_THAN == "fewer than 5"
    assert display({"suppressed": SECONDARY}) == NOT_SHOWN
    assert display(1234) == "1,234"
    assert display(None) == ""


def test_percentages_of_hidden_or_tiny_groups_are_not_given():
    assert percent(5, 10) == 50.0
    assert percent({"suppressed": PRIMARY}, 10) == {"suppressed": PRIMARY}
    assert percent(3, {"suppressed": PRIMARY}) is None
    assert percent(0, 0) is None
    assert percent(0, 4) is None  # a share of fewer than 5 people
    assert percent(1, 3, places=0) is None
    assert percent(2, 3000) == 0.1
