"""Surveys: what participation teams build, the links young people scan, and what they answer.

A :class:`Survey` has ordered :class:`Question` s. Young people reach it through a
:class:`SurveyLink` (one per survey, service, place and channel; its short token is in the QR
code). Each submission is one :class:`SurveyResponse` with one :class:`Answer` row per value
(a multiple-choice question stores one row per ticked option, so counting is a GROUP BY).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.db import Base, TimestampMixin
from voice.directory.models import Area, Service
from voice.errors import InvalidState

if TYPE_CHECKING:
    from voice.auth.models import User


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


SURVEY_STATUS_LABELS = {
    SurveyStatus.DRAFT: "Draft",
    SurveyStatus.OPEN: "Open",
    SurveyStatus.CLOSED: "Closed",
}


class SurveyLayout(StrEnum):
    ONE_PAGE = "one_page"              # every question on one short page (split only by skip logic)
    ONE_PER_SCREEN = "one_per_screen"  # one question per screen, with progress


SURVEY_LAYOUT_LABELS = {
    SurveyLayout.ONE_PAGE: "All questions on one short page",
    SurveyLayout.ONE_PER_SCREEN: "One question per screen",
}


class Channel(StrEnum):
    """How a link reaches young people. Stored on voice items as well."""

    POSTER = "poster"
    CARD = "card"
    TEXT_MESSAGE = "text"
    EMAIL = "email"
    WEBSITE = "website"


CHANNEL_LABELS = {
    Channel.POSTER: "Poster",
    Channel.CARD: "Card",
    Channel.TEXT_MESSAGE: "Text message",
    Channel.EMAIL: "Email",
    Channel.WEBSITE: "Website",
}


survey_services = Table(
    "survey_services",
    Base.metadata,
    Column("survey_id", ForeignKey("surveys.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
)


class Survey(TimestampMixin, Base):
    """A survey (or a ready-made template to copy: ``is_template``)."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    intro: Mapped[str] = mapped_column(Text, default="")
    min_age: Mapped[int] = mapped_column(default=0)
    max_age: Mapped[int] = mapped_column(default=25)
    status: Mapped[str] = mapped_column(String(12), default=SurveyStatus.DRAFT)
    layout: Mapped[str] = mapped_column(String(20), default=SurveyLayout.ONE_PAGE)
    opens_on: Mapped[date | None] = mapped_column(Date)
    closes_on: Mapped[date | None] = mapped_column(Date)
    # Shown to young people who scan a link after the survey has closed.
    closed_message: Mapped[str] = mapped_column(Text, default="")
    is_template: Mapped[bool] = mapped_column(default=False)
    # Set on the built-in templates so installing them twice changes nothing.
    template_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Bumped whenever a question changes, so each web worker can keep the questions it read
    # and know when to read them again (the submit path is hot during a school assembly).
    questions_version: Mapped[int] = mapped_column(default=1)
    # The survey's own words in other languages and in easy read, by version key ("cy",
    # "cy-easy", "en-easy", …): {"title": …, "intro": …, "closed_message": …}, any of them.
    # Empty means the English original is shown (surveys/content.py).
    translations: Mapped[dict[str, dict[str, Any]]] = mapped_column(
        JSON, default=dict, server_default=sql_text("'{}'"))

    questions: Mapped[list[Question]] = relationship(
        back_populates="survey", order_by="Question.position", cascade="all, delete-orphan",
        foreign_keys="Question.survey_id")
    links: Mapped[list[SurveyLink]] = relationship(back_populates="survey",
                                                   order_by="SurveyLink.id")
    services: Mapped[list[Service]] = relationship(secondary=survey_services,
                                                   order_by="Service.name")
    created_by: Mapped[User | None] = relationship()

    @property
    def status_label(self) -> str:
        return SURVEY_STATUS_LABELS.get(SurveyStatus(self.status), self.status)

    @property
    def layout_label(self) -> str:
        return SURVEY_LAYOUT_LABELS.get(SurveyLayout(self.layout), self.layout)

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == SurveyStatus.CLOSED

    @property
    def age_range(self) -> str:
        return f"{self.min_age} to {self.max_age}"

    def accepting_on(self, today: date) -> bool:
        """True when young people can answer today (open, and inside the dates if set)."""
        if not self.is_open:
            return False
        if self.opens_on is not None and today < self.opens_on:
            return False
        return not (self.closes_on is not None and today > self.closes_on)

    # State changes live on the model (indico's pattern); services add the audit line.
    def open(self, now: datetime) -> None:
        if self.is_template:
            raise InvalidState("A template cannot be opened: make a survey from it first")
        if self.is_open:
            raise InvalidState("This survey is already open")
        if not self.questions:
            raise InvalidState("Add at least one question before opening the survey")
        self.status = SurveyStatus.OPEN
        self.opened_at = self.opened_at or now
        self.closed_at = None

    def close(self, now: datetime) -> None:
        if not self.is_open:
            raise InvalidState("Only an open survey can be closed")
        self.status = SurveyStatus.CLOSED
        self.closed_at = now


class Question(TimestampMixin, Base):
    """One question. ``kind`` is a :class:`surveys.questions.QuestionKind` value."""

    __tablename__ = "survey_questions"
    __table_args__ = (UniqueConstraint("survey_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int] = mapped_column(default=0)
    # Stable column name in exports; unique within the survey.
    code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(300))
    hint: Mapped[str] = mapped_column(String(500), default="")
    is_required: Mapped[bool] = mapped_column(default=False)
    # Choices as [{"value": "...", "label": "..."}]. For the fixed scales (smiley, Friends and
    # Family Test, yes / no) the values are canonical and only the wording shown can change.
    options: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # For text questions: what the question asks, so analysis reads the answer in context
    # ("Nothing." to "what could be better?" is praise).
    asks_about: Mapped[str] = mapped_column(String(20), default="nonspecific")
    min_value: Mapped[int | None]
    max_value: Mapped[int | None]
    max_length: Mapped[int | None]
    # Skip logic: show this question only when that earlier question's answer is one of these.
    show_if_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="SET NULL"))
    show_if_values: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The question in other languages and in easy read, by version key: {"text": …, "hint": …,
    # "options": {"<canonical value>": "label"}}. Answers are stored as the canonical value
    # whatever the language shown, so results and exports merge them (surveys/content.py).
    translations: Mapped[dict[str, dict[str, Any]]] = mapped_column(
        JSON, default=dict, server_default=sql_text("'{}'"))

    survey: Mapped[Survey] = relationship(back_populates="questions", foreign_keys=[survey_id])
    show_if_question: Mapped[Question | None] = relationship(remote_side=[id])

    @property
    def field_name(self) -> str:
        return f"q{self.id}"

    @property
    def has_condition(self) -> bool:
        return self.show_if_question_id is not None and bool(self.show_if_values)


class SurveyLink(TimestampMixin, Base):
    """Where a survey is shared: one per survey × service × place × channel."""

    __tablename__ = "survey_links"
    __table_args__ = (UniqueConstraint("survey_id", "service_id", "area_id", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"))
    channel: Mapped[str] = mapped_column(String(20))
    token: Mapped[str] = mapped_column(String(16), unique=True)
    # Where exactly, for staff: "waiting room, Northdale clinic".
    note: Mapped[str] = mapped_column(String(120), default="")
    is_paused: Mapped[bool] = mapped_column(default=False)
    # The funnel, counted without cookies or addresses: page views, and first pages sent.
    # ``started_count`` holds the forms started by a page sent before the last; a form whose
    # first send is its last counts through its response (``SurveyResponse.counted_start``).
    opened_count: Mapped[int] = mapped_column(default=0)
    started_count: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    # Joined: the public page needs the link, its survey, service and place in one query.
    survey: Mapped[Survey] = relationship(back_populates="links", lazy="joined")
    service: Mapped[Service] = relationship(lazy="joined")
    area: Mapped[Area] = relationship(lazy="joined")

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(Channel(self.channel), self.channel)

    @property
    def label(self) -> str:
        text = f"{self.service.name}, {self.area.name}, {self.channel_label}"
        return f"{text} ({self.note})" if self.note else text


class SurveyResponse(Base):
    """One young person's submission. ``submission_token`` makes a resend store nothing new."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        Index("ix_survey_responses_survey_created", "survey_id", "created_at"),
        # Per link and date, with the age band: the summaries count responses this way.
        Index("ix_survey_responses_link_created", "link_id", "created_at", "age_band"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    link_id: Mapped[int] = mapped_column(ForeignKey("survey_links.id", ondelete="CASCADE"))
    submission_token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    age_band: Mapped[str | None] = mapped_column(String(20))
    # Something written may mean a young person is not safe: the thank-you page says where to
    # get help now. The text itself goes to the safeguarding lead through the voice item.
    has_safeguarding_concern: Mapped[bool] = mapped_column(default=False)
    # A keyed hash of the receipt in the thank-you page's address (surveys.receipts): with it
    # the young person can delete their answers for a few days. The receipt is never stored.
    receipt_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    # The version of the survey the young person answered in ("en", "cy", "ar-easy", …;
    # surveys/content.py). None for responses from before it was kept.
    language: Mapped[str | None] = mapped_column(String(16))
    # The send that stored this response was also its form's first (a one-page survey, or all
    # its pages sent at once): the funnel counts it as "started" from here, so the submission
    # writes no counter on the link (see ``surveys.submission.started_counts``).
    counted_start: Mapped[bool] = mapped_column(default=False, server_default=false())

    survey: Mapped[Survey] = relationship()
    link: Mapped[SurveyLink] = relationship()
    answers: Mapped[list[Answer]] = relationship(back_populates="response",
                                                 cascade="all, delete-orphan",
                                                 passive_deletes=True, order_by="Answer.id")


class Answer(Base):
    """One value given to one question. Numbers and canonical codes are stored as text."""

    __tablename__ = "survey_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(Text)

    response: Mapped[SurveyResponse] = relationship(back_populates="answers")

    def as_dict(self) -> dict[str, Any]:
        return {"question_id": self.question_id, "value": self.value}
