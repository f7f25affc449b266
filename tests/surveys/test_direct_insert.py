"""voice.db.DirectInsert: a row sent straight to the driver is stored exactly as SQLAlchemy's
Core statement stores it, errors come back as SQLAlchemy's own without the young person's words,
and a statement it cannot run itself goes through SQLAlchemy."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from surveys.models import Answer, SurveyResponse
from voice.db import DirectInsert

_responses = SurveyResponse.__table__
_answers = Answer.__table__
COLUMNS = ("survey_id", "link_id", "submission_token", "created_at", "age_band",
           "has_safeguarding_concern", "receipt_hash", "language", "counted_start")


def _row(link, token: str, **changes) -> dict:
    return {"survey_id": link.survey_id, "link_id": link.id, "submission_token": token,
            "created_at": datetime(2026, 12, 8, 9, 30, 15, 123456, tzinfo=UTC),
            "age_band": "14-15", "has_safeguarding_concern": True, "receipt_hash": None,
            "language": "cy-easy", "counted_start": False} | changes


def _stored(session, response_id: int) -> dict:
    session.expire_all()
    response = session.get(SurveyResponse, response_id)
    return {column: getattr(response, column) for column in COLUMNS}


def test_a_row_is_stored_exactly_as_the_core_statement_stores_it(session, surveys):
    link = surveys.link(surveys.survey())
    connection = session.connection()
    direct = DirectInsert(insert(_responses).returning(_responses.c.id), COLUMNS)

    [(direct_id,)] = direct.execute(connection, _row(link, "direct-1"))
    core_id = connection.execute(insert(_responses).returning(_responses.c.id),
                                 _row(link, "core-1")).scalar_one()

    direct_row, core_row = _stored(session, direct_id), _stored(session, core_id)
    assert direct_row.pop("submission_token") == "direct-1"
    assert core_row.pop("submission_token") == "core-1"
    assert direct_row == core_row
    assert direct_row["created_at"] == datetime(2026, 12, 8, 9, 30, 15, 123456, tzinfo=UTC)
    assert direct_row["has_safeguarding_concern"] is True and direct_row["counted_start"] is False
    # Read back by the ORM's own comparison, as the dashboards do.
    assert session.scalar(select(SurveyResponse.id).where(
        SurveyResponse.created_at == datetime(2026, 12, 8, 9, 30, 15, 123456, tzinfo=UTC),
        SurveyResponse.id == direct_id)) == direct_id


def test_many_rows_at_once(session, surveys):
    link = surveys.link(surveys.survey())
    connection = session.connection()
    [(response_id,)] = DirectInsert(insert(_responses).returning(_responses.c.id),
                                    COLUMNS).execute(connection, _row(link, "many-1"))
    question_ids = [question.id for question in link.survey.questions[:3]]
    rows = [{"response_id": response_id, "question_id": question_id, "value": f"v{n} é 😊"}
            for n, question_id in enumerate(question_ids)]
    DirectInsert(insert(_answers), ("response_id", "question_id", "value")).executemany(
        connection, rows)
    stored = session.execute(select(Answer.question_id, Answer.value)
                             .where(Answer.response_id == response_id).order_by(Answer.id)).all()
    assert [tuple(row) for row in stored] == [(r["question_id"], r["value"]) for r in rows]


def test_a_second_copy_fails_as_sqlalchemy_s_integrity_error_without_the_words(session, surveys):
    link = surveys.link(surveys.survey())
    connection = session.connection()
    direct = DirectInsert(insert(_responses).returning(_responses.c.id), COLUMNS)
    direct.execute(connection, _row(link, "twice-over-token", language="sekrit-words"))
    savepoint = connection.begin_nested()
    with pytest.raises(IntegrityError) as raised:
        direct.execute(connection, _row(link, "twice-over-token", language="sekrit-words"))
    savepoint.rollback()
    assert "sekrit-words" not in str(raised.value)


def test_every_column_with_a_python_default_must_be_given():
    without_flags = tuple(c for c in COLUMNS if c not in ("has_safeguarding_concern",
                                                           "counted_start"))
    direct = DirectInsert(insert(_responses), without_flags)
    with pytest.raises(ValueError, match="counted_start, has_safeguarding_concern"):
        direct._compiled(sqlite.dialect())


def test_a_dialect_with_named_parameters_goes_through_sqlalchemy():
    direct = DirectInsert(insert(_answers), ("response_id", "question_id", "value"))
    assert direct._compiled(postgresql.dialect()) is None
    sql, names, _ = direct._compiled(sqlite.dialect())
    assert names == ("response_id", "question_id", "value") and sql.count("?") == 3
