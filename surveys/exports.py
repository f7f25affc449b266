"""Every response as CSV or XLSX, one row per response, with stable column names.

Columns: ``response_id, submitted_at, survey_id, link_token, service, place, channel``, then
one column per question named by its code (set in the builder, unique within the survey).
Values: smiley 1 to 5 and numbers as numbers; the Friends and Family Test in its national
wording ("Very good" …); choices by their label; "tick all" choices joined with "; ".
Free text follows the same rules as the results page: original words for the participation
team, redacted and reportable words for everyone else.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from sqlalchemy import and_, select

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
from surveys.results import WITHHELD, Scope
from voice.loop.items import reportable_items_clause
from voice.loop.models import VoiceItem, VoiceSource

BASE_COLUMNS = ["response_id", "submitted_at", "survey_id", "link_token", "service", "place",
                "channel"]
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


def rows(session, scope: Scope) -> Iterator[list[Any]]:
    """The export's rows (without the header), oldest first, read in chunks."""
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
            for source_id, redacted in session.execute(
                    select(VoiceItem.source_id, VoiceItem.redacted_text).where(and_(
                        VoiceItem.source == VoiceSource.ANSWER.value,
                        VoiceItem.source_id.in_(text_answer_ids), reportable_items_clause()))):
                if redacted:
                    texts[source_id] = redacted
        for response in responses:
            link = links.get(response.link_id)
            row: list[Any] = [
                response.id,
                response.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                response.survey_id,
                link.token if link else "",
                link.service.name if link else "",
                link.area.name if link else "",
                link.channel if link else "",
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
    writer.writerow(columns(questions))
    for row in rows(session, scope):
        writer.writerow([_safe_csv(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(session, scope: Scope) -> bytes:
    """A workbook with the responses and a sheet explaining each column."""
    questions = sorted(scope.survey.questions, key=lambda q: q.position)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    sheet.append(columns(questions))
    for row in rows(session, scope):
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
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
