"""Young inspectors: their records, the frameworks they inspect against, and inspections.

An inspection moves through four states (see :class:`InspectionState`): the plan is made and
the provider assesses itself while the team scores; the lead inspector and the participation
officer agree the team's rating; the report is shared with the provider, who responds; the
summary is published. A follow-up inspection (``follow_up_of_id``) re-rates the service and
assures or re-opens the commitments made from the first one's recommendations.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.auth.models import User
from voice.db import Base, TimestampMixin, utcnow
from voice.directory.models import Service


class Rating(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return RATING_LABELS[self]

    @property
    def rank(self) -> int:
        return {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}[self]


RATING_LABELS = {Rating.RED: "Red", Rating.AMBER: "Amber", Rating.GREEN: "Green"}
# What each colour means, in words young people and providers both understand.
RATING_MEANINGS = {
    Rating.RED: "Red: not happening, or a big problem",
    Rating.AMBER: "Amber: happening some of the time, or could be better",
    Rating.GREEN: "Green: happening well",
}
RATING_CHECK = "rating IS NULL OR rating IN ('red', 'amber', 'green')"


class Method(StrEnum):
    VISIT = "visit"
    MYSTERY_VISIT = "mystery_visit"
    MYSTERY_PHONE = "mystery_phone"
    MYSTERY_WEBSITE = "mystery_website"

    @property
    def label(self) -> str:
        return METHOD_LABELS[self]

    @property
    def is_mystery(self) -> bool:
        return self is not Method.VISIT


METHOD_LABELS = {
    Method.VISIT: "Announced visit",
    Method.MYSTERY_VISIT: "Mystery shop in person",
    Method.MYSTERY_PHONE: "Mystery shop by phone",
    Method.MYSTERY_WEBSITE: "Mystery shop of the website",
}


class InspectionState(StrEnum):
    PLANNED = "planned"        # provider self-assesses; inspectors score
    AGREEING = "agreeing"      # scoring closed; team rating agreed; report written
    SHARED = "shared"          # report shared with the provider, who responds
    PUBLISHED = "published"    # summary approved and public
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    InspectionState.PLANNED: "Planned",
    InspectionState.AGREEING: "Agreeing ratings and writing the report",
    InspectionState.SHARED: "Shared with the provider",
    InspectionState.PUBLISHED: "Published",
    InspectionState.CANCELLED: "Cancelled",
}


class AgeBand(StrEnum):
    """Only as much about age as the rules need: under 16s need a parent's or carer's consent."""

    UNDER_16 = "under_16"
    AGED_16_17 = "16_17"
    AGED_18_PLUS = "18_plus"

    @property
    def label(self) -> str:
        return AGE_BAND_LABELS[self]


AGE_BAND_LABELS = {
    AgeBand.UNDER_16: "Under 16",
    AgeBand.AGED_16_17: "16 or 17",
    AgeBand.AGED_18_PLUS: "18 to 25",
}


class NamePreference(StrEnum):
    FIRST_NAME = "first_name"
    TEAM = "team"


NAME_PREFERENCE_LABELS = {
    NamePreference.FIRST_NAME: "My first name",
    NamePreference.TEAM: "Just \u201cthe young inspectors\u201d",
}


class Reward(StrEnum):
    VOUCHER = "voucher"
    PAY = "pay"
    VOLUNTEER = "volunteer"


REWARD_LABELS = {
    Reward.VOUCHER: "Vouchers",
    Reward.PAY: "Pay",
    Reward.VOLUNTEER: "Volunteering (no reward)",
}

HOURS_ACTIVITIES = {
    "training": "Training",
    "planning": "Planning",
    "visit": "Visit or mystery shop",
    "report": "Writing the report",
    "presenting": "Presenting to the provider",
    "follow_up": "Follow-up check",
    "other": "Something else",
}


class Response(StrEnum):
    ACCEPTED = "accepted"
    PARTLY = "partly"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return RESPONSE_LABELS[self]


RESPONSE_LABELS = {
    Response.ACCEPTED: "We will do this",
    Response.PARTLY: "We will do part of this",
    Response.DECLINED: "We cannot do this",
}


class HighlightKind(StrEnum):
    STRENGTH = "strength"
    QUOTE = "quote"


class AssuranceOutcome(StrEnum):
    ASSURED = "assured"
    REOPENED = "reopened"


# ---- young inspectors ---------------------------------------------------------------------------

class InspectorProfile(TimestampMixin, Base):
    """What the participation team needs to know about a young inspector, and nothing more.

    The account itself is a :class:`voice.auth.models.User` with the young inspector role; this
    record holds their training, consent, reward and how they want to be named to providers.
    No date of birth: an age band is enough to know whether a parent or carer must consent.
    """

    __tablename__ = "inspector_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    age_band: Mapped[str] = mapped_column(String(10))
    consent_on: Mapped[date | None]
    parent_consent_on: Mapped[date | None]
    name_preference: Mapped[str] = mapped_column(String(20), default=NamePreference.TEAM)
    reward: Mapped[str] = mapped_column(String(20), default=Reward.VOUCHER)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    training: Mapped[list[InspectorTraining]] = relationship(
        back_populates="profile", order_by="InspectorTraining.completed_on",
        cascade="all, delete-orphan")

    @property
    def needs_parent_consent(self) -> bool:
        return self.age_band == AgeBand.UNDER_16

    @property
    def first_name(self) -> str:
        return (self.user.display_name.split() or ["Young inspector"])[0]

    @property
    def is_trained(self) -> bool:
        return bool(self.training)

    @property
    def has_consent(self) -> bool:
        return self.consent_on is not None and (
            not self.needs_parent_consent or self.parent_consent_on is not None)

    @property
    def is_ready(self) -> bool:
        """Trained, consented (with a parent's or carer's consent if under 16) and active."""
        return self.is_trained and self.has_consent and self.user.is_active

    @property
    def not_ready_reasons(self) -> list[str]:
        reasons = []
        if not self.user.is_active:
            reasons.append("their account is switched off")
        if not self.is_trained:
            reasons.append("no training is recorded")
        if self.consent_on is None:
            reasons.append("their consent is not recorded")
        if self.needs_parent_consent and self.parent_consent_on is None:
            reasons.append("a parent's or carer's consent is not recorded")
        return reasons


class InspectorTraining(TimestampMixin, Base):
    __tablename__ = "inspector_training"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("inspector_profiles.id", ondelete="CASCADE"),
                                            index=True)
    course: Mapped[str] = mapped_column(String(120))
    completed_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    profile: Mapped[InspectorProfile] = relationship(back_populates="training")


class InspectorHours(TimestampMixin, Base):
    """Time a young inspector gave, for vouchers or pay. Stored in minutes to stay exact."""

    __tablename__ = "inspector_hours"
    __table_args__ = (
        CheckConstraint("minutes > 0 AND minutes <= 1440", name="minutes_in_a_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("inspector_profiles.id"), index=True)
    inspection_id: Mapped[int | None] = mapped_column(
        ForeignKey("inspections.id", ondelete="SET NULL"))
    worked_on: Mapped[date]
    minutes: Mapped[int]
    activity: Mapped[str] = mapped_column(String(20))
    reward: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(200), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    profile: Mapped[InspectorProfile] = relationship()
    inspection: Mapped[Inspection | None] = relationship()

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


# ---- frameworks ----------------------------------------------------------------------------------

class Framework(TimestampMixin, Base):
    """One version of a framework. Versions of the same framework share a ``family``.

    A version that any inspection uses is never changed: editing it makes the next version.
    """

    __tablename__ = "inspection_frameworks"
    __table_args__ = (UniqueConstraint("family", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int] = mapped_column(default=1)
    name: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    superseded_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]

    standards: Mapped[list[Standard]] = relationship(
        back_populates="framework", order_by="Standard.position", cascade="all, delete-orphan")

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    @property
    def label(self) -> str:
        return f"{self.name} (version {self.version})"


class Standard(Base):
    __tablename__ = "inspection_standards"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("inspection_frameworks.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(160))
    # What the standard means, in words a young person would use.
    wording: Mapped[str] = mapped_column(Text)
    # For inspectors: what to look for and questions to ask.
    prompts: Mapped[str] = mapped_column(Text, default="")

    framework: Mapped[Framework] = relationship(back_populates="standards")

    @property
    def prompt_lines(self) -> list[str]:
        return [line.strip(" -\u2022") for line in self.prompts.splitlines() if line.strip(" -\u2022")]


# ---- inspections ---------------------------------------------------------------------------------

class Inspection(TimestampMixin, Base):
    __tablename__ = "inspections"
    __table_args__ = (
        CheckConstraint("visit_from <= visit_to", name="visit_dates_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("inspection_frameworks.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default=InspectionState.PLANNED)
    visit_from: Mapped[date]
    visit_to: Mapped[date]
    self_assessment_due: Mapped[date | None]
    # Notes for the team: where to go, who to ask for, what to try.
    brief: Mapped[str] = mapped_column(Text, default="")
    lead_inspector_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    follow_up_of_id: Mapped[int | None] = mapped_column(ForeignKey("inspections.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    self_assessment_submitted_at: Mapped[datetime | None]
    self_assessment_submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    scoring_closed_at: Mapped[datetime | None]
    lead_agreed_at: Mapped[datetime | None]
    # Who recorded the lead inspector's agreement: the lead themselves, or the officer who
    # agreed the ratings with them in person.
    lead_agreed_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    officer_agreed_at: Mapped[datetime | None]
    officer_agreed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    shared_at: Mapped[datetime | None]
    response_due_on: Mapped[date | None]
    # The public summary, in plain words, approved by the participation officer.
    summary: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    certificate_awarded: Mapped[bool] = mapped_column(default=False)
    cancelled_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    service: Mapped[Service] = relationship(lazy="joined")
    framework: Mapped[Framework] = relationship(lazy="joined")
    lead_inspector: Mapped[User | None] = relationship(foreign_keys=[lead_inspector_id])
    officer: Mapped[User | None] = relationship(foreign_keys=[officer_id])
    follow_up_of: Mapped[Inspection | None] = relationship(remote_side=[id],
                                                           foreign_keys=[follow_up_of_id])
    team: Mapped[list[TeamMember]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan", order_by="TeamMember.id")
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan",
        order_by="Recommendation.position, Recommendation.id")
    highlights: Mapped[list[Highlight]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan", order_by="Highlight.id")

    @property
    def state_enum(self) -> InspectionState:
        return InspectionState(self.state)

    @property
    def method_enum(self) -> Method:
        return Method(self.method)

    @property
    def method_label(self) -> str:
        return self.method_enum.label

    @property
    def state_label(self) -> str:
        return self.state_enum.label

    @property
    def is_follow_up(self) -> bool:
        return self.follow_up_of_id is not None

    @property
    def title(self) -> str:
        kind = "Follow-up inspection" if self.is_follow_up else "Inspection"
        return f"{kind} of {self.service.name}"

    def member_for(self, user_id: int) -> TeamMember | None:
        return next((m for m in self.team if m.user_id == user_id), None)


class TeamMember(Base):
    __tablename__ = "inspection_team_members"
    __table_args__ = (UniqueConstraint("inspection_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"),
                                               index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    submitted_at: Mapped[datetime | None]

    inspection: Mapped[Inspection] = relationship(back_populates="team")
    user: Mapped[User] = relationship(lazy="joined")


class InspectorScore(Base):
    """One inspector's rating of one standard, saved as they go; fixed once they submit."""

    __tablename__ = "inspector_scores"
    __table_args__ = (
        UniqueConstraint("inspection_id", "user_id", "standard_id"),
        CheckConstraint(RATING_CHECK, name="rating_is_rag"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"),
                                               index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    standard_id: Mapped[int] = mapped_column(ForeignKey("inspection_standards.id"))
    rating: Mapped[str | None] = mapped_column(String(5))
    # "We could not check this" (for example the waiting room, on a phone mystery shop).
    not_checked: Mapped[bool] = mapped_column(default=False)
    evidence: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()
    standard: Mapped[Standard] = relationship()

    @property
    def is_complete(self) -> bool:
        return self.not_checked or (self.rating is not None and bool(self.evidence.strip()))


class SelfAssessment(Base):
    """The provider's own rating of one standard, made before the visit."""

    __tablename__ = "inspection_self_assessments"
    __table_args__ = (
        UniqueConstraint("inspection_id", "standard_id"),
        CheckConstraint(RATING_CHECK, name="rating_is_rag"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"),
                                               index=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("inspection_standards.id"))
    rating: Mapped[str | None] = mapped_column(String(5))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class TeamRating(Base):
    """The rating the lead inspector and participation officer agree for one standard."""

    __tablename__ = "inspection_team_ratings"
    __table_args__ = (
        UniqueConstraint("inspection_id", "standard_id"),
        CheckConstraint(RATING_CHECK, name="rating_is_rag"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"),
                                               index=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("inspection_standards.id"))
    rating: Mapped[str | None] = mapped_column(String(5))
    not_checked: Mapped[bool] = mapped_column(default=False)
    # Why the team rated it so: shown beside the provider's view, above all where they differ.
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Recommendation(TimestampMixin, Base):
    """Written by the young inspectors; the provider responds; it can become a commitment."""

    __tablename__ = "inspection_recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"),
                                               index=True)
    standard_id: Mapped[int | None] = mapped_column(ForeignKey("inspection_standards.id"))
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    response: Mapped[str | None] = mapped_column(String(20))
    response_text: Mapped[str] = mapped_column(Text, default="")
    response_by: Mapped[date | None]
    responded_at: Mapped[datetime | None]
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Links into the feedback loop (voice/loop), which owns those tables: the commitment made
    # from this recommendation, and the voice item it was recorded as.
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="SET NULL"), index=True)
    voice_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("voice_items.id", ondelete="SET NULL"))

    inspection: Mapped[Inspection] = relationship(back_populates="recommendations")
    standard: Mapped[Standard | None] = relationship()

    @property
    def response_label(self) -> str:
        return Response(self.response).label if self.response else "No response yet"


class Highlight(TimestampMixin, Base):
    """A strength the team found, or a quote (what was seen, heard or felt) for the report."""

    __tablename__ = "inspection_highlights"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"),
                                               index=True)
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    inspection: Mapped[Inspection] = relationship(back_populates="highlights")


class AssuranceCheck(Base):
    """At a follow-up: did the provider do what it said for one earlier recommendation?"""

    __tablename__ = "inspection_assurance_checks"
    __table_args__ = (UniqueConstraint("inspection_id", "recommendation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"),
                                               index=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("inspection_recommendations.id"))
    outcome: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)

    recommendation: Mapped[Recommendation] = relationship()


class InspectionSettings(Base):
    """The participation team's settings (one row): follow-up gap, response time, certificate bar."""

    __tablename__ = "inspection_settings"
    __table_args__ = (
        CheckConstraint("certificate_min_green_percent BETWEEN 0 AND 100",
                        name="green_percent_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_months: Mapped[int] = mapped_column(default=6)
    response_working_days: Mapped[int] = mapped_column(default=20)
    certificate_min_green_percent: Mapped[int] = mapped_column(default=75)
    certificate_max_red: Mapped[int] = mapped_column(default=0)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
