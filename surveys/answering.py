"""Answering a survey without JavaScript or cookies: pages, skip logic, reading and checking a form.

Pure functions. The public view keeps every answer given so far in hidden fields on the next
page (nothing is stored on the server until the last page is sent), so going back, a reload or
a dropped connection loses nothing and no cookie is needed.

Pages: with "one question per screen" every question is a page. With "one short page" the
survey is one page, split only where skip logic needs an earlier answer first (a question
shown only when an earlier answer is X starts a new page if X is asked on the current page), and
before the "About you" questions when the page is already long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from surveys.questions import (
    ABOUT_KINDS,
    PREFER_NOT,
    QuestionKind,
    QuestionSpec,
    Tampered,
    parse_raw,
    problem_with,
    stored_values,
)

ONE_PER_SCREEN = "one_per_screen"
# On a long page, the optional "About you" questions start a page of their own: the page stays
# short (and light on a poor connection) and the feedback is sent first.
ABOUT_OWN_PAGE_AFTER = 6
# Fields the public form may carry besides answers.
CONTROL_FIELDS = frozenset({"form_token", "step", "started", "action", "leave_blank"})
HONEYPOT = "leave_blank"
_QUESTION_FIELD = re.compile(r"^q(\d+)(_pns)?$")

Answers = dict[int, list[str]]


def build_pages(specs: Iterable[QuestionSpec], layout: str) -> list[list[QuestionSpec]]:
    """Split the questions (in order) into pages; see the module docstring."""
    pages: list[list[QuestionSpec]] = []
    current: list[QuestionSpec] = []
    for spec in sorted(specs, key=lambda s: (s.position, s.id)):
        if layout == ONE_PER_SCREEN:
            pages.append([spec])
            continue
        needs_answer_first = (spec.has_condition
                              and spec.show_if_question_id in {q.id for q in current})
        about_after_long_page = (QuestionKind(spec.kind) in ABOUT_KINDS
                                 and len(current) >= ABOUT_OWN_PAGE_AFTER
                                 and all(QuestionKind(q.kind) not in ABOUT_KINDS for q in current))
        if current and (needs_answer_first or about_after_long_page):
            pages.append(current)
            current = []
        current.append(spec)
    if current:
        pages.append(current)
    return pages


def is_visible(spec: QuestionSpec, answers: Mapping[int, list[str]],
               by_id: Mapping[int, QuestionSpec]) -> bool:
    """Shown when it has no condition, or its earlier question is shown and answered with X."""
    if not spec.has_condition:
        return True
    source = by_id.get(spec.show_if_question_id)  # type: ignore[arg-type]
    if source is None or (source.position, source.id) >= (spec.position, spec.id):
        # A condition on a later or missing question cannot be met in order: ignore it.
        return True
    if not is_visible(source, answers, by_id):
        return False
    return any(value in spec.show_if_values for value in answers.get(source.id, []))


def _maybe_visible(spec: QuestionSpec, answers: Mapping[int, list[str]],
                   by_id: Mapping[int, QuestionSpec], seen: set[int]) -> bool:
    """Could still be shown, given the answers so far (questions not yet reached count as yes)."""
    if not spec.has_condition:
        return True
    source = by_id.get(spec.show_if_question_id)  # type: ignore[arg-type]
    if source is None or (source.position, source.id) >= (spec.position, spec.id):
        return True
    if not _maybe_visible(source, answers, by_id, seen):
        return False
    if source.id not in seen:
        return True
    return any(value in spec.show_if_values for value in answers.get(source.id, []))


@dataclass
class Flow:
    """The pages of one survey and where a young person is in them."""

    specs: list[QuestionSpec]
    layout: str
    pages: list[list[QuestionSpec]] = field(init=False)
    by_id: dict[int, QuestionSpec] = field(init=False)

    def __post_init__(self) -> None:
        self.pages = build_pages(self.specs, self.layout)
        self.by_id = {s.id: s for s in self.specs}

    def visible_on(self, page: int, answers: Mapping[int, list[str]]) -> list[QuestionSpec]:
        if not 0 <= page < len(self.pages):
            return []
        return [q for q in self.pages[page] if is_visible(q, answers, self.by_id)]

    def next_page(self, page: int, answers: Mapping[int, list[str]]) -> int | None:
        """The next page with something to show, or None when this was the last."""
        for index in range(page + 1, len(self.pages)):
            if self.visible_on(index, answers):
                return index
        return None

    def previous_page(self, page: int, answers: Mapping[int, list[str]]) -> int:
        for index in range(min(page, len(self.pages)) - 1, -1, -1):
            if self.visible_on(index, answers):
                return index
        return self.first_page(answers)

    def first_page(self, answers: Mapping[int, list[str]] | None = None) -> int:
        answers = answers or {}
        for index in range(len(self.pages)):
            if self.visible_on(index, answers):
                return index
        return 0

    def progress(self, page: int, answers: Mapping[int, list[str]]) -> tuple[int, int]:
        """(this page's number, how many pages there may be), counting only pages that show
        something. The total can only shrink as answers rule questions out."""
        seen = {q.id for p in self.pages[:page] for q in p}
        numbered = [i for i, p in enumerate(self.pages)
                    if any(_maybe_visible(q, answers, self.by_id, seen) for q in p)]
        number = sum(1 for i in numbered if i <= page) or 1
        return number, max(len(numbered), number)

    def visible_specs(self, answers: Mapping[int, list[str]]) -> list[QuestionSpec]:
        return [q for p in range(len(self.pages)) for q in self.visible_on(p, answers)]

    def check_page(self, page: int, answers: Mapping[int, list[str]]) -> dict[int, str]:
        """Messages for the questions on this page that cannot be accepted."""
        errors = {}
        for spec in self.visible_on(page, answers):
            message = problem_with(spec, answers.get(spec.id, []))
            if message:
                errors[spec.id] = message
        return errors

    def check_all(self, answers: Mapping[int, list[str]]) -> tuple[int | None, dict[int, str]]:
        """The first page with a problem and its messages, or (None, {}) when all is well."""
        for page in range(len(self.pages)):
            errors = self.check_page(page, answers)
            if errors:
                return page, errors
        return None, {}

    def final_answers(self, answers: Mapping[int, list[str]]) -> Answers:
        """Only answers to questions that are shown, normalised for storing."""
        return {spec.id: stored_values(spec, answers[spec.id])
                for spec in self.visible_specs(answers) if answers.get(spec.id)}


def read_answers(specs: Iterable[QuestionSpec], form) -> Answers:
    """Every answer in a posted form (a Werkzeug MultiDict or similar).

    Raises :class:`Tampered` for a question this survey does not have, or a value no real
    form could send.
    """
    by_id = {s.id: s for s in specs}
    answers: Answers = {}
    for key in form.keys():
        if key in CONTROL_FIELDS:
            continue
        match = _QUESTION_FIELD.match(key)
        if not match:
            raise Tampered("The form had a field we did not expect")
        question_id = int(match.group(1))
        spec = by_id.get(question_id)
        if spec is None:
            raise Tampered("The form answered a question this survey does not have")
        if match.group(2) and spec.kind != QuestionKind.ABOUT_GENDER:
            raise Tampered("The form had a field we did not expect")
    for spec in by_id.values():
        raw = form.getlist(spec.field_name)
        prefer_not = False
        if spec.kind == QuestionKind.ABOUT_GENDER:
            flag = form.getlist(f"{spec.field_name}_pns")
            if any(v not in ("", PREFER_NOT, "1") for v in flag):
                raise Tampered("An answer was sent that is not one of the choices")
            prefer_not = any(flag) or raw == [PREFER_NOT]
            if raw == [PREFER_NOT]:
                raw = []
        values = parse_raw(spec, raw, prefer_not=prefer_not)
        if values:
            answers[spec.id] = values
    return answers


def hidden_fields(specs: Iterable[QuestionSpec], answers: Mapping[int, list[str]],
                  exclude: set[int]) -> list[tuple[str, str]]:
    """(name, value) pairs that carry the answers from other pages through this one."""
    pairs = []
    for spec in specs:
        if spec.id in exclude:
            continue
        for value in answers.get(spec.id, []):
            pairs.append((spec.field_name, value))
    return pairs
