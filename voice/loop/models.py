"""The feedback loop: voice items (everything a young person says), action cards, commitments
("you said, we did"), the notifications that keep staff moving, and the scheduler's job locks."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice import N_
from voice.auth.models import User
from voice.db import Base, TimestampMixin, utcnow
from voice.directory.models import Area, Organisation, Service


class VoiceSource(StrEnum):
    ANSWER = "answer"    # a free-text survey answer
    CARD = "card"        # an action card: stop, start or change
    FINDING = "finding"  # a young inspector's finding or recommendation
    EVIDENCE = "evidence"  # a young inspector's evidence note that may be a disclosure


VOICE_SOURCE_LABELS = {
    VoiceSource.ANSWER: "Survey answer",
    VoiceSource.CARD: "Action card",
    VoiceSource.FINDING: "Young inspectors' finding",
    VoiceSource.EVIDENCE: "Young inspector's evidence note",
}


class ModerationState(StrEnum):
    NEW = "new"
    APPROVED = "approved"
    HIDDEN = "hidden"
    ESCALATED = "escalated"
    # Said the same as another item: counted with it ("n young people said this"), never
    # published on its own.
    DUPLICATE = "duplicate"


MODERATION_STATE_LABELS = {
    ModerationState.NEW: "Waiting for moderation",
    ModerationState.APPROVED: "Approved for publication",
    ModerationState.HIDDEN: "Hidden",
    ModerationState.ESCALATED: "Escalated to safeguarding lead",
    ModerationState.DUPLICATE: "Duplicate",
}


class SafeguardingOutcome(StrEnum):
    ACTION_TAKEN = "action_taken"  # the lead acted; the item stays escalated for ever
    NO_CONCERN = "no_concern"      # the lead found no risk and returned it to moderation


class VoiceItem(TimestampMixin, Base):
    """Anything a young person said in free text, with its analysis and moderation state.

    ``text`` is the original and is restricted to the participation team and safeguarding lead;
    only ``public_text`` (redacted, then approved by a person) is ever shown beyond them.
    """

    __tablename__ = "voice_items"
    __table_args__ = (
        Index("ix_voice_items_service_created", "service_id", "created_at"),
        Index("ix_voice_items_state", "state"),
        # Quotes newest first and the moderation queue oldest first (migration 0012).
        Index("ix_voice_items_state_created", "state", "created_at"),
        Index("ix_voice_items_service_state_created", "service_id", "state", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    # The id of the answer, card or finding this came from, in its own package's table.
    source_id: Mapped[int | None]
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    channel: Mapped[str | None] = mapped_column(String(20))
    age_band: Mapped[str | None] = mapped_column(String(20))
    question_kind: Mapped[str] = mapped_column(String(20), default="nonspecific")
    text: Mapped[str] = mapped_column(Text)
    redacted_text: Mapped[str] = mapped_column(Text, default="")
    public_text: Mapped[str | None] = mapped_column(Text)
    sentiment: Mapped[str | None] = mapped_column(String(10))
    sentiment_score: Mapped[float | None]
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_safeguarding: Mapped[bool] = mapped_column(default=False)
    safeguarding_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    model_version: Mapped[str | None] = mapped_column(String(60))
    analysed_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(20), default=ModerationState.NEW)
    # The young person deleted what they wrote, but it was a possible safeguarding concern: the
    # words stay for the safeguarding lead only, never published or counted (voice.loop.withdrawal).
    withdrawn_at: Mapped[datetime | None]

    # Moderation (added by the loop's own migration).
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("voice_items.id"), index=True)
    moderated_at: Mapped[datetime | None]
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    escalated_at: Mapped[datetime | None]
    escalated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    escalation_note: Mapped[str | None] = mapped_column(Text)
    safeguarding_outcome: Mapped[str | None] = mapped_column(String(20))
    safeguarding_note: Mapped[str | None] = mapped_column(Text)
    safeguarding_reviewed_at: Mapped[datetime | None]
    safeguarding_reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    service: Mapped[Service] = relationship()
    area: Mapped[Area | None] = relationship()
    duplicate_of: Mapped[VoiceItem | None] = relationship(remote_side=[id])
    moderated_by: Mapped[User | None] = relationship(foreign_keys=[moderated_by_id])
    escalated_by: Mapped[User | None] = relationship(foreign_keys=[escalated_by_id])
    safeguarding_reviewed_by: Mapped[User | None] = relationship(
        foreign_keys=[safeguarding_reviewed_by_id])

    @property
    def is_published(self) -> bool:
        return self.state == ModerationState.APPROVED and not self.is_safeguarding

    @property
    def is_restricted(self) -> bool:
        """Hidden or escalated: never shown beyond the restricted view, never linked, never counted."""
        return self.state in (ModerationState.HIDDEN, ModerationState.ESCALATED) or self.is_safeguarding

    @property
    def state_label(self) -> str:
        return MODERATION_STATE_LABELS.get(ModerationState(self.state), self.state)

    @property
    def source_label(self) -> str:
        return VOICE_SOURCE_LABELS.get(VoiceSource(self.source), self.source)

    @property
    def starting_wording(self) -> str:
        """What the public wording starts from: the approved wording, else the redacted text."""
        return self.public_text if self.public_text is not None else (self.redacted_text or "")


# ---- action cards -------------------------------------------------------------------------------

class CardKind(StrEnum):
    STOP = "stop"
    START = "start"
    CHANGE = "change"


CARD_KIND_LABELS = {
    CardKind.STOP: N_("Stop"),
    CardKind.START: N_("Start"),
    CardKind.CHANGE: N_("Change"),
}

class CardChannel(StrEnum):
    QR = "qr"        # the young person scanned a code or followed a link
    PAPER = "paper"  # written on paper in a session, typed in by a participation officer


class CardLink(TimestampMixin, Base):
    """One action-card address (and QR code) per service and place."""

    __tablename__ = "card_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(16), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    place: Mapped[str] = mapped_column(String(120))
    is_paused: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    service: Mapped[Service] = relationship(lazy="joined")
    area: Mapped[Area | None] = relationship()


class ActionCard(TimestampMixin, Base):
    """What a young person would like a service to stop, start or change, and why."""

    __tablename__ = "action_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    link_id: Mapped[int | None] = mapped_column(ForeignKey("card_links.id"))
    kind: Mapped[str] = mapped_column(String(10))
    what: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text, default="")
    age_band: Mapped[str | None] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20), default=CardChannel.QR)
    # One per form shown: a double tap or a resend stores one card.
    submission_key: Mapped[str] = mapped_column(String(80), unique=True)
    # SHA-256 of the follow-up code; the code itself is never stored.
    followup_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    voice_item_id: Mapped[int | None] = mapped_column(ForeignKey("voice_items.id"), index=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    session_label: Mapped[str | None] = mapped_column(String(120))

    service: Mapped[Service] = relationship()
    link: Mapped[CardLink | None] = relationship()
    voice_item: Mapped[VoiceItem | None] = relationship()

    @property
    def kind_label(self) -> str:
        return CARD_KIND_LABELS.get(CardKind(self.kind), self.kind)


# ---- commitments ("you said, we did") -------------------------------------------------------------

class CommitmentStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANT_DO = "cant_do"


COMMITMENT_STATUS_LABELS = {
    CommitmentStatus.NOT_STARTED: N_("Not started"),
    CommitmentStatus.IN_PROGRESS: N_("In progress"),
    CommitmentStatus.DONE: N_("Done"),
    CommitmentStatus.CANT_DO: N_("Can't do"),
}


class AssuredBy(StrEnum):
    YOUNG_INSPECTORS = "young_inspectors"
    YOUNG_PEOPLES_GROUP = "young_peoples_group"


ASSURED_BY_LABELS = {
    AssuredBy.YOUNG_INSPECTORS: N_("Young inspectors"),
    AssuredBy.YOUNG_PEOPLES_GROUP: N_("A young people's group"),
}


class Commitment(TimestampMixin, Base):
    """A promise made back to young people, with an owner, a date and a status.

    ``rag`` is a cached copy of :func:`voice.loop.rag.rag_status`, refreshed on every change and
    by the daily job; it is never typed by a person.
    """

    __tablename__ = "commitments"
    __table_args__ = (
        Index("ix_commitments_owner_status", "owner_organisation_id", "status"),
        Index("ix_commitments_service_public", "service_id", "is_public"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    you_said: Mapped[str] = mapped_column(Text)
    we_will: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str | None] = mapped_column(Text)
    cant_do_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=CommitmentStatus.NOT_STARTED)
    due_date: Mapped[date] = mapped_column(Date)
    owner_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    rag: Mapped[str] = mapped_column(String(10))
    rag_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_public: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    assured_at: Mapped[datetime | None]
    assured_by: Mapped[str | None] = mapped_column(String(40))
    assured_group: Mapped[str | None] = mapped_column(String(160))
    assurance_note: Mapped[str | None] = mapped_column(Text)
    assured_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A youth group session that checked it: when, and how many young people took part.
    assurance_session_on: Mapped[date | None] = mapped_column(Date)
    assurance_young_people: Mapped[int | None]
    # The escalation ladder (voice.loop.escalation): 0 none, 1 owner told, 2 lead contact and
    # commissioner told; ``escalated_at`` is when it reached the second step.
    escalation_level: Mapped[int] = mapped_column(default=0)
    escalated_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    service: Mapped[Service] = relationship(lazy="joined")
    owner_organisation: Mapped[Organisation] = relationship(lazy="joined")
    owner_user: Mapped[User | None] = relationship(foreign_keys=[owner_user_id], lazy="joined")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    assured_recorded_by: Mapped[User | None] = relationship(foreign_keys=[assured_recorded_by_id])
    sources: Mapped[list[CommitmentSource]] = relationship(
        back_populates="commitment", order_by="CommitmentSource.id")

    @property
    def status_label(self) -> str:
        return COMMITMENT_STATUS_LABELS.get(CommitmentStatus(self.status), self.status)

    @property
    def rag_now(self) -> str:
        """The mark for today, from the one rule (``rag`` is the copy the daily job keeps for
        filtering and for noticing when a commitment turns red)."""
        from voice.loop.rag import rag_status, today_in_london

        return rag_status(self.status, self.due_date, today_in_london(), self.cant_do_reason,
                          assured=self.assured_at is not None).value

    @property
    def is_open(self) -> bool:
        return self.status in (CommitmentStatus.NOT_STARTED, CommitmentStatus.IN_PROGRESS)

    @property
    def is_assured(self) -> bool:
        return self.assured_at is not None

    @property
    def assured_by_label(self) -> str:
        if not self.assured_by:
            return ""
        from flask_babel import gettext  # in the page's language (English on staff pages)

        label = gettext(ASSURED_BY_LABELS.get(AssuredBy(self.assured_by), self.assured_by))
        return f"{label} ({self.assured_group})" if self.assured_group else label


class SourceKind(StrEnum):
    VOICE_ITEM = "voice_item"
    INSPECTION_RECOMMENDATION = "inspection_recommendation"
    INSPECTION_FINDING = "inspection_finding"
    THEME = "theme"


SOURCE_KIND_LABELS = {
    SourceKind.VOICE_ITEM: "What a young person said",
    SourceKind.INSPECTION_RECOMMENDATION: "Young inspectors' recommendation",
    SourceKind.INSPECTION_FINDING: "Young inspectors' finding",
    SourceKind.THEME: "Theme",
}


class CommitmentSource(TimestampMixin, Base):
    """Where a commitment came from: a voice item, an inspection recommendation, a theme.

    ``ref`` is the id (or key) in the source's own table, so other packages can find their
    commitments (:func:`voice.loop.commitments.commitments_for_source`) without a foreign key.
    """

    __tablename__ = "commitment_sources"
    __table_args__ = (
        UniqueConstraint("commitment_id", "kind", "ref", name="uq_commitment_sources_ref"),
        Index("ix_commitment_sources_kind_ref", "kind", "ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    ref: Mapped[str] = mapped_column(String(120))
    voice_item_id: Mapped[int | None] = mapped_column(ForeignKey("voice_items.id"), index=True)
    label: Mapped[str] = mapped_column(String(255), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    commitment: Mapped[Commitment] = relationship(back_populates="sources")
    voice_item: Mapped[VoiceItem | None] = relationship()

    @property
    def kind_label(self) -> str:
        try:
            return SOURCE_KIND_LABELS[SourceKind(self.kind)]
        except ValueError:
            return self.kind.replace("_", " ").capitalize()


class CommitmentEvent(Base):
    """One change to a commitment: who, when, what. Never edited or deleted."""

    __tablename__ = "commitment_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[User | None] = relationship(lazy="joined")


class CommitmentComment(Base):
    """A note between staff about a commitment. Kept for ever."""

    __tablename__ = "commitment_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)

    author: Mapped[User] = relationship(lazy="joined")


# ---- replies and the participation team's settings (issue 13) ----------------------------------

class ReplyKind(StrEnum):
    HAPPENING = "happening"      # it is already happening
    CANT = "cant"                # why it cannot be done
    PROMISE = "promise"          # it is part of a promise (a commitment)
    HEARD = "heard"              # we heard you (thanks, and what happens next)


REPLY_KIND_LABELS = {
    ReplyKind.HEARD: N_("We heard you"),
    ReplyKind.HAPPENING: N_("This is already happening"),
    ReplyKind.CANT: N_("Why we can't do this"),
    ReplyKind.PROMISE: N_("This is part of a promise"),
}


class ItemReply(TimestampMixin, Base):
    """A public answer to what one young person said, from the participation team or the
    provider, without making a commitment. One per item; changing it keeps the audit log."""

    __tablename__ = "item_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    voice_item_id: Mapped[int] = mapped_column(ForeignKey("voice_items.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    voice_item: Mapped[VoiceItem] = relationship()
    commitment: Mapped[Commitment | None] = relationship()
    author_organisation: Mapped[Organisation | None] = relationship()

    @property
    def kind_label(self) -> str:
        return REPLY_KIND_LABELS.get(ReplyKind(self.kind), self.kind)


class LoopSettings(Base):
    """What the participation team sets for the loop (one row): how soon waiting items should
    be moderated, and after how many overdue days a promise goes up the escalation ladder."""

    __tablename__ = "loop_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderation_target_days: Mapped[int] = mapped_column(default=3)
    escalate_after_days: Mapped[int] = mapped_column(default=14)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


# ---- notifications and the scheduler ------------------------------------------------------------

class Notification(Base):
    """Something a staff member should know. Always in the app; also emailed when SMTP is set up.

    ``dedupe_key`` makes sending idempotent: the same key for the same user is stored once.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key", name="uq_notifications_user_dedupe"),
        Index("ix_notifications_user_read", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(300))
    dedupe_key: Mapped[str | None] = mapped_column(String(160))
    read_at: Mapped[datetime | None]
    email_wanted: Mapped[bool] = mapped_column(default=False)
    emailed_at: Mapped[datetime | None]
    email_attempts: Mapped[int] = mapped_column(default=0)
    email_error: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship()


class SchedulerJobState(Base):
    """The lease that lets only one scheduler process run a job at a time, and its last run."""

    __tablename__ = "scheduler_jobs"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    locked_by: Mapped[str | None] = mapped_column(String(120))
    locked_until: Mapped[datetime | None]
    last_started_at: Mapped[datetime | None]
    last_finished_at: Mapped[datetime | None]
    # The period (for example a date or an ISO week) the job last completed for.
    last_period: Mapped[str | None] = mapped_column(String(40))
    last_result: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    run_count: Mapped[int] = mapped_column(default=0)
