"""Young inspectors are young people too: an evidence note passed to the safeguarding lead is
read by the inspector who wrote it and the participation team, never by the rest of the team
on the "agree" page (the reading rule, voice.loop.reading)."""

from __future__ import annotations

from sqlalchemy import select

from inspectors.models import InspectorScore
from inspectors.services import inspections as ins
from tests.support.loop_factories import LoopFactory
from voice.loop.models import ModerationState, VoiceSource

WORRY = "zqevidencezq He said not to tell anyone what happens at home"
CALM = "zqcalmzq The waiting room was tidy"


def _inspection_with_an_escalated_note(insp, factory, session):
    lead, other = insp.inspector("Lead"), insp.inspector("Other")
    officer = insp.officer()
    inspection = insp.inspection(team=[lead, other], lead=lead, officer=officer)
    insp.score_all(inspection, lead, {"S1": "green", "S2": "green", "S3": "green"})
    insp.score_all(inspection, other, {"S1": "amber", "S2": "green", "S3": "green"},
                   submit=False)
    scores = {s.standard.code: s for s in session.scalars(select(InspectorScore).where(
        InspectorScore.inspection_id == inspection.id, InspectorScore.user_id == other.id))}
    scores["S1"].evidence = WORRY
    scores["S2"].evidence = CALM
    session.flush()
    ins.submit_scores(session, other, inspection)
    # However the screening decided, the note is escalated (as the rules would for this one).
    LoopFactory(factory).item(inspection.service, text=WORRY, source=VoiceSource.EVIDENCE,
                              source_id=scores["S1"].id, state=ModerationState.ESCALATED,
                              is_safeguarding=True)
    ins.close_scoring(session, officer, inspection)
    return inspection, lead, other, officer, scores


def test_an_escalated_evidence_note_is_not_shown_to_another_young_inspector(
        client, login, insp, factory, session):
    inspection, lead, other, officer, scores = _inspection_with_an_escalated_note(
        insp, factory, session)
    inspection_id = inspection.id
    login(lead)
    page = client.get(f"/inspections/{inspection_id}/agree")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "zqevidencezq" not in body  # it was, before the reading rule
    assert "zqcalmzq" in body and "Not shown here." in body

    client.post("/sign-out")
    login(officer)
    body = client.get(f"/inspections/{inspection_id}/agree").get_data(as_text=True)
    assert "zqevidencezq" in body


def test_the_inspector_who_wrote_it_still_reads_their_own_note(insp, factory, session):
    inspection, lead, other, officer, scores = _inspection_with_an_escalated_note(
        insp, factory, session)
    mine = ins.evidence_for(session, other, scores.values())
    theirs = ins.evidence_for(session, lead, scores.values())
    assert mine[scores["S1"].id] == WORRY
    assert theirs[scores["S1"].id] is None and theirs[scores["S2"].id] == CALM
