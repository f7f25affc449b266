"""Survey exports as CSV or XLSX.

For the participation team and administrators, every response, one row per response, with
stable column names: ``response_id, submitted_on, survey_id, link_token, service, place,
channel, language``, then one column per question named by its code (set in the builder, unique within
the survey). ``submitted_on`` is the date (London), never the time: a time to the second, with
the place and the "about you" answers, can be enough to recognise a child. Values: smiley 1 to 5
and numbers as numbers; the Friends and Family Test in its national wording ("Very good" …);
choices by their label; "tick all" choices joined with "; "; free text in the original words.
Nothing marks a response that was passed to the safeguarding lead. ``language`` is the version
of the survey the young person saw ("Welsh (Cymraeg)", "English, easy read"; empty for responses
from before it was kept); the answers are the same canonical values in every language, so they
line up in one column whatever the language (surveys/content.py).

Everyone else (commissioners, providers) gets the results page as a table instead, never one
row per young person: ``question, question_text, answer, count, percent``, with counts under 5
and the counts that would reveal them hidden exactly as on the page
(:func:`surveys.results.protect_small_numbers`), and only the words a moderator approved.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import and_, select

from surveys.content import version_name
from surveys.models import Answer, Question, SurveyLink, SurveyResponse
from surveys.questions import (
    ABOUT_KINDS,
    KIND_LABELS,
    PREFER_NOT,
    PREFER_NOT_LABEL,
    TEXT_KINDS,
    QuestionKind,
    canonical_label,
)
from surveys.results import (
    WITHHELD,
    Scope,
    count_responses,
    protect_small_numbers,
    question_results,
)
from voice.loop.models import VoiceItem, VoiceSource
from voice.loop.reading import wording_for
from voice.summaries.periods import london_date
from voice.summaries.suppression import display, is_suppressed

BASE_COLUMNS = ["response_id", "submitted_on", "survey_id", "link_token", "service", "place",
                "channel", "language"]
SUMMARY_COLUMNS = ["question", "question_text", "answer", "count", "percent"]
CHUNK = 500
# Spreadsheet programs run cells that start with these as formulas (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def columns(questions: list[Question]) -> list[str]:
    return BASE_COLUMNS + [q.code for q in questions]


def _value(question: Question, values: list[str], texts: dict[int, str], answer_ids: list[int],
           original: bool) -> Any:
    kind = QuestionKind(question.kind)
    if not values:
        return ""
    if kind in (QuestionKind.SMILEY, QuestionKind.NUMBER):
        try:
            return int(values[0])
        except ValueError:
            return values[0]
    if kind is QuestionKind.MULTIPLE:
        return "; ".join(canonical_label(kind, v, question.options) for v in values)
    if kind is QuestionKind.ABOUT_GENDER:
        if values[0] == PREFER_NOT:
            return PREFER_NOT_LABEL
        return values[0] if original else "[Not shown]"
    if kind in TEXT_KINDS:
        if original:
            return values[0]
        return texts.get(answer_ids[0], WITHHELD)
    return canonical_label(kind, values[0], question.options)


def summary_rows(session, scope: Scope) -> Iterator[list[Any]]:
    """The results page as rows, for readers outside the participation team."""
    results = question_results(session, scope, text_limit=None)
    total = protect_small_numbers(results, count_responses(session, scope), scope)
    yield ["", "Responses", "", _count(total), ""]
    for result in results:
        question = result.question
        kind = QuestionKind(question.kind)
        yield [question.code, question.text, "Answered", _count(result.shown_answered), ""]
        for option in result.options:
            yield [question.code, question.text, option.label, _count(option.shown),
                   "" if option.shown_percent is None else option.shown_percent]
        if result.numbers is not None and not result.numbers_hidden:
            yield [question.code, question.text, "Middle (median)", "", result.numbers.median]
            yield [question.code, question.text, "Average (mean)", "", result.numbers.mean]
        if kind in TEXT_KINDS:
            for text in result.texts:
                if text.shown:
                    yield [question.code, question.text, text.text, "", ""]


def _count(value: Any) -> Any:
    return display(value) if is_suppressed(value) else value


def rows(session, scope: Scope) -> Iterator[list[Any]]:
    """The export's rows (without the header), oldest first, read in chunks. The
    participation team only (see the module's docstring)."""
    if not scope.original_words:
        raise PermissionError("Row-level exports are for the participation team only")
    questions = sorted(scope.survey.questions, key=lambda q: q.position)
    text_question_ids = {q.id for q in questions if QuestionKind(q.kind) in TEXT_KINDS}
    links = {link.id: link for link in session.scalars(
        select(SurveyLink).where(SurveyLink.survey_id == scope.survey.id))}
    ids = list(session.scalars(select(SurveyResponse.id).where(*scope.clauses())
                               .order_by(SurveyResponse.created_at, SurveyResponse.id)))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        responses = session.scalars(select(SurveyResponse).where(SurveyResponse.id.in_(chunk))
                                    .order_by(SurveyResponse.created_at, SurveyResponse.id)).all()
        values: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
        answer_ids: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        text_answer_ids = []
        for answer in session.scalars(select(Answer).where(Answer.response_id.in_(chunk))
                                      .order_by(Answer.id)):
            values[answer.response_id][answer.question_id].append(answer.value)
            answer_ids[answer.response_id][answer.question_id].append(answer.id)
            if answer.question_id in text_question_ids:
                text_answer_ids.append(answer.id)
        texts: dict[int, str] = {}
        if not scope.original_words and text_answer_ids:
            for item in session.scalars(select(VoiceItem).where(and_(
                    VoiceItem.source == VoiceSource.ANSWER.value,
                    VoiceItem.source_id.in_(text_answer_ids)))):
                wording = wording_for(scope.reader, item)
                if wording:
                    texts[item.source_id] = wording
        for response in responses:
            link = links.get(response.link_id)
            row: list[Any] = [
                response.id,
                london_date(response.created_at).isoformat(),
                response.survey_id,
                link.token if link else "",
                link.service.name if link else "",
                link.area.name if link else "",
                link.channel if link else "",
                version_name(response.language) if response.language else "",
            ]
            for question in questions:
                row.append(_value(question, values[response.id].get(question.id, []), texts,
                                  answer_ids[response.id].get(question.id, []),
                                  scope.original_words))
            yield row


def _safe_csv(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(session, scope: Scope) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read emoji and accents right."""
    questions = sorted(scope.survey.questions, key=lambda q: q.position)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if not scope.original_words:
        writer.writerow(SUMMARY_COLUMNS)
        for row in summary_rows(session, scope):
            writer.writerow([_safe_csv(v) for v in row])
        return buffer.getvalue().encode("utf-8-sig")
    writer.writerow(columns(questions))
    for row in rows(session, scope):
        writer.writerow([_safe_csv(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(session, scope: Scope) -> bytes:
    """A workbook with the responses and a sheet explaining each column."""
    from openpyxl import Workbook  # imported for an .xlsx only: it adds 8 MB to every process

    questions = sorted(scope.survey.questions, key=lambda q: q.position)
    workbook = Workbook(write_only=True)
    if scope.original_words:
        sheet = workbook.create_sheet("Responses")
        sheet.append(columns(questions))
        for row in rows(session, scope):
            sheet.append([_cell(sheet, v) for v in row])
    else:
        sheet = workbook.create_sheet("Results")
        sheet.append(SUMMARY_COLUMNS)
        for row in summary_rows(session, scope):
            sheet.append([_cell(sheet, v) for v in row])
    about = workbook.create_sheet("Questions")
    about.append(["column", "question", "type", "answers"])
    for question in questions:
        kind = QuestionKind(question.kind)
        answers = "; ".join(canonical_label(kind, o["value"], question.options)
                            for o in question.options)
        if kind in ABOUT_KINDS and not answers:
            answers = f"Own words, or {PREFER_NOT_LABEL}"
        about.append([_cell(about, question.code), _cell(about, question.text),
                      KIND_LABELS.get(kind, kind), _cell(about, answers)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value: Any) -> Any:
    # openpyxl stores a string starting with "=" as a formula: keep young people's words as text.
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
