"""Test data for the inspectors package: frameworks, young inspectors and inspections at any
stage, built through the real services so the data is always valid."""

from __future__ import annotations

from datetime import date, timedelta

from inspectors.models import (
    Framework,
    Inspection,
    InspectorProfile,
    InspectorTraining,
    Rating,
)
from inspectors.services import frameworks as fw
from inspectors.services import inspections as ins
from voice.auth.models import User
from voice.auth.roles import Role


class InspectorsFactory:
    def __init__(self, factory) -> None:
        self.factory = factory
        self.session = factory.session

    def framework(self, codes=("S1", "S2", "S3"), name: str | None = None) -> Framework:
        n = self.factory._n()
        return fw.create_framework(
            self.session, None, name=name or f"Framework {n}", description="For tests",
            standards=[fw.StandardInput(code=c, title=f"Standard {c}",
                                        wording=f"What {c} means for young people",
                                        prompts=f"Look for {c}\nAsk about {c}") for c in codes])

    def profile(self, user: User, *, ready: bool = True, age_band: str = "16_17",
                name_preference: str = "team") -> InspectorProfile:
        profile = InspectorProfile(user_id=user.id, age_band=age_band,
                                   consent_on=date(2026, 1, 5) if ready else None,
                                   parent_consent_on=(date(2026, 1, 5)
                                                      if ready and age_band == "under_16" else None),
                                   name_preference=name_preference, reward="voucher")
        if ready:
            profile.training = [InspectorTraining(course="Young inspector training",
                                                  completed_on=date(2026, 1, 10))]
        self.session.add(profile)
        self.session.flush()
        return profile

    def inspector(self, display_name: str | None = None, **profile_fields) -> User:
        user = self.factory.user(Role.INSPECTOR, display_name=display_name or
                                 f"Young Inspector{self.factory._n()} Surname")
        self.profile(user, **profile_fields)
        return user

    def officer(self) -> User:
        return self.factory.user(Role.PARTICIPATION)

    def inspection(self, *, service=None, framework: Framework | None = None,
                   team: list[User] | None = None, lead: User | None = None,
                   officer: User | None = None, method: str = "visit",
                   visit_from: date = date(2026, 3, 2), follow_up_of=None) -> Inspection:
        officer = officer or self.officer()
        framework = framework or self.framework()
        team = team if team is not None else [self.inspector()]
        plan = ins.Plan(service_id=(service or self.factory.service()).id,
                        framework_id=framework.id, method=method, visit_from=visit_from,
                        visit_to=visit_from + timedelta(days=1),
                        team_ids=[u.id for u in team],
                        lead_id=(lead or (team[0] if team else None)).id if team else None,
                        officer_id=officer.id)
        return ins.plan_inspection(self.session, officer, plan, follow_up_of=follow_up_of)

    def score_all(self, inspection: Inspection, user: User, ratings: dict[str, str | None],
                  submit: bool = True) -> None:
        """``ratings`` by standard code; None means "we could not check this"."""
        for standard in inspection.framework.standards:
            rating = ratings.get(standard.code, "green")
            ins.save_score(self.session, user, inspection, standard.id, rating=rating,
                           evidence=f"We saw {standard.code}", not_checked=rating is None)
        if submit:
            ins.submit_scores(self.session, user, inspection)

    def self_assess(self, inspection: Inspection, provider: User,
                    ratings: dict[str, str | None], submit: bool = True) -> None:
        by_code = {s.code: s.id for s in inspection.framework.standards}
        ins.save_self_assessment(self.session, provider, inspection,
                                 {by_code[c]: (r, f"Our view of {c}") for c, r in ratings.items()},
                                 submit=submit)

    def provider_for(self, inspection: Inspection) -> User:
        return self.factory.user(Role.PROVIDER, organisation=inspection.service.provider)

    def agreed(self, inspection: Inspection, officer: User,
               team: dict[str, str | None] | None = None) -> Inspection:
        """Close scoring, set the team's ratings (by code; None = not checked), agree both."""
        ins.close_scoring(self.session, officer, inspection)
        by_code = {s.code: s.id for s in inspection.framework.standards}
        if team:
            ins.save_team_ratings(self.session, officer, inspection, {
                by_code[c]: (r, r is None, f"Reason for {c}") for c, r in team.items()})
        ins.sign_off_ratings(self.session, officer, inspection, lead_in_person=True)
        return inspection

    def shared(self, *, ratings: dict[str, str] | None = None,
               self_ratings: dict[str, str | None] | None = None,
               recommendations: int = 2, service=None, framework=None,
               team: list[User] | None = None) -> tuple[Inspection, User, User]:
        """An inspection shared with the provider. Returns (inspection, officer, provider)."""
        officer = self.officer()
        inspection = self.inspection(service=service, framework=framework, officer=officer,
                                     team=team)
        provider = self.provider_for(inspection)
        codes = [s.code for s in inspection.framework.standards]
        ratings = ratings or {c: Rating.GREEN.value for c in codes}
        own = self_ratings if self_ratings is not None else dict(ratings)
        if own:
            self.self_assess(inspection, provider, own)
        for member in inspection.team:
            self.score_all(inspection, member.user, ratings)
        for number in range(recommendations):
            ins.add_recommendation(self.session, officer, inspection,
                                   text=f"Recommendation {number + 1}: text young people back",
                                   standard_id=inspection.framework.standards[0].id)
        self.agreed(inspection, officer, {c: ratings.get(c) for c in codes})
        ins.share_report(self.session, officer, inspection, on=date(2026, 3, 9))
        return inspection, officer, provider
