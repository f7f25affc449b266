"""The pages: who sees what, the phone scoring form, and refusals that are clear, never 500."""

import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from inspectors.models import Framework, Inspection, InspectorProfile, InspectorScore
from inspectors.services import inspections as ins
from inspectors.services import people
from voice.auth.roles import Role


def _text(response):
    return response.get_data(as_text=True)


def test_inspector_scores_one_standard_per_page_and_submits(client, login, insp, session):
    inspection = insp.inspection()
    inspector = inspection.team[0].user
    ids = [s.id for s in inspection.framework.standards]
    inspection_id = inspection.id
    login(inspector)
    page = client.get(f"/inspections/{inspection_id}/scores")
    assert page.status_code == 200 and "0 of 3 done" in _text(page)
    first = client.get(f"/inspections/{inspection_id}/scores/{ids[0]}")
    assert "Standard 1 of 3" in _text(first) and "Look for S1" in _text(first)

    response = client.post(f"/inspections/{inspection_id}/scores/{ids[0]}",
                           data={"rating": "green", "evidence": "Kind staff", "next": "continue"})
    assert response.status_code == 302 and response.location.endswith(f"/scores/{ids[1]}")
    # saved as they go: leave and come back
    again = client.get(f"/inspections/{inspection_id}/scores/{ids[0]}")
    assert "Kind staff" in _text(again)

    bad = client.post(f"/inspections/{inspection_id}/scores/{ids[1]}",
                      data={"rating": "purple", "evidence": "x", "next": "continue"})
    assert bad.status_code == 200 and "A rating must be red, amber or green" in _text(bad)
    assert session.scalar(select(InspectorScore).where(InspectorScore.standard_id == ids[1])) is None

    other = insp.framework()
    tampered = client.post(f"/inspections/{inspection_id}/scores/{other.standards[0].id}",
                           data={"rating": "red", "evidence": "x"})
    assert tampered.status_code == 400
    assert "not part of the framework" in _text(tampered)

    early = client.post(f"/inspections/{inspection_id}/scores/submit", follow_redirects=True)
    assert "still to do: S2, S3" in _text(early)

    client.post(f"/inspections/{inspection_id}/scores/{ids[1]}",
                data={"rating": "red", "evidence": "No answer", "next": "continue"})
    client.post(f"/inspections/{inspection_id}/scores/{ids[2]}",
                data={"not_checked": "y", "evidence": "", "next": "list"})
    sent = client.post(f"/inspections/{inspection_id}/scores/submit", follow_redirects=True)
    assert "Your scores have been sent" in _text(sent)

    late = client.post(f"/inspections/{inspection_id}/scores/{ids[0]}",
                       data={"rating": "red", "evidence": "changed"}, follow_redirects=True)
    assert late.status_code == 200 and "cannot be changed" in _text(late)
    score = session.scalar(select(InspectorScore).where(InspectorScore.standard_id == ids[0]))
    assert score.rating == "green"


def test_young_inspectors_see_only_their_inspections(client, login, insp):
    mine = insp.inspection()
    other = insp.inspection()
    inspector = mine.team[0].user
    mine_id, other_id, other_name = mine.id, other.id, other.service.name
    login(inspector)
    listing = _text(client.get("/inspections"))
    assert mine.service.name in listing and other_name not in listing
    assert client.get(f"/inspections/{other_id}").status_code == 403
    assert client.get(f"/inspections/{other_id}/scores").status_code == 403
    assert client.get(f"/inspections/{other_id}/report").status_code == 403
    assert client.get(f"/inspections/{mine_id}").status_code == 200


def test_providers_see_only_their_own_inspections(client, login, insp, factory):
    inspection, officer, provider = insp.shared()
    stranger = factory.user(Role.PROVIDER)
    inspection_id = inspection.id
    login(stranger)
    assert client.get(f"/inspections/{inspection_id}").status_code == 403
    assert client.get(f"/inspections/{inspection_id}/report").status_code == 403
    assert client.get(f"/inspections/{inspection_id}/self-assessment").status_code == 403
    rec_id = inspection.recommendations[0].id
    response = client.post(f"/inspections/{inspection_id}/recommendations/{rec_id}/respond",
                           data={"response": "accepted", "text": "Not ours"})
    assert response.status_code == 403


def test_provider_sees_the_grid_without_names_and_responds(client, login, insp, session):
    named = insp.inspector(display_name="Jordan Smith", name_preference="first_name")
    hidden = insp.inspector(display_name="Casey Jones")
    inspection, officer, provider = insp.shared(
        team=[named, hidden], ratings={"S1": "red", "S2": "green", "S3": "amber"},
        self_ratings={"S1": "green", "S2": "green"})
    inspection_id, rec_id = inspection.id, inspection.recommendations[0].id
    login(provider)
    report = _text(client.get(f"/inspections/{inspection_id}/report"))
    assert "Different view: the service rated itself higher" in report
    assert "a big difference" in report
    assert "Only the young inspectors rated this" in report
    assert "Jordan and 1 other young inspector" in report
    assert "Casey" not in report and "Smith" not in report
    overview = _text(client.get(f"/inspections/{inspection_id}"))
    assert "Casey" not in overview

    bad = client.post(f"/inspections/{inspection_id}/recommendations/{rec_id}/respond",
                      data={"response": "whatever", "text": "x"})
    assert "Choose one of the options" in _text(bad) or "Choose whether" in _text(bad)
    ok = client.post(f"/inspections/{inspection_id}/recommendations/{rec_id}/respond",
                     data={"response": "accepted", "text": "We will answer faster",
                           "by_date": "2099-01-31"})
    assert ok.status_code == 302
    assert "We will answer faster" in _text(client.get(f"/inspections/{inspection_id}/report"))


def test_self_assessment_form(client, login, insp, session):
    inspection = insp.inspection()
    provider = insp.provider_for(inspection)
    s1, s2, s3 = (s.id for s in inspection.framework.standards)
    inspection_id = inspection.id
    login(provider)
    assert client.get(f"/inspections/{inspection_id}/self-assessment").status_code == 200
    bad = client.post(f"/inspections/{inspection_id}/self-assessment",
                      data={f"rating-{s1}": "pink", "action": "save"})
    assert bad.status_code == 400 and "A rating must be red, amber or green" in _text(bad)
    tampered = client.post(f"/inspections/{inspection_id}/self-assessment",
                           data={"rating-999999": "red", "action": "save"})
    assert tampered.status_code == 400 and "not part of the framework" in _text(tampered)
    saved = client.post(f"/inspections/{inspection_id}/self-assessment",
                        data={f"rating-{s1}": "green", f"note-{s1}": "We do", "action": "save"})
    assert saved.status_code == 302
    sent = client.post(f"/inspections/{inspection_id}/self-assessment",
                       data={f"rating-{s1}": "green", f"rating-{s2}": "amber", "action": "send"})
    assert sent.status_code == 302
    again = client.post(f"/inspections/{inspection_id}/self-assessment",
                        data={f"rating-{s1}": "red", "action": "save"}, follow_redirects=True)
    assert "cannot be changed" in _text(again)
    rows = ins.self_assessments(session, session.get(Inspection, inspection_id))
    assert rows[s1].rating == "green" and rows[s2].rating == "amber" and rows[s3].rating is None


def test_officer_agrees_with_the_lead_in_person_shares_and_publishes(client, login, insp,
                                                                    session):
    inspection = insp.inspection()
    officer, lead = inspection.officer, inspection.team[0].user
    insp.score_all(inspection, lead, {"S1": "amber"})
    ids = [s.id for s in inspection.framework.standards]
    inspection_id = inspection.id
    login(officer)
    client.post(f"/inspections/{inspection_id}/close-scoring")
    page = _text(client.get(f"/inspections/{inspection_id}/agree"))
    assert "The middle of the team's ratings is amber" in page
    wrong = client.post(f"/inspections/{inspection_id}/agree",
                        data={f"team-{ids[0]}": "purple"})
    assert wrong.status_code == 400
    data = {f"team-{ids[0]}": "amber", f"team-{ids[1]}": "green",
            f"team-{ids[2]}": "not_checked", f"reason-{ids[0]}": "Slow replies"}
    assert client.post(f"/inspections/{inspection_id}/agree", data=data).status_code == 302
    client.post(f"/inspections/{inspection_id}/agree/sign-off", data={"lead_in_person": "yes"})
    client.post(f"/inspections/{inspection_id}/share", data={"working_days": "20"})
    item = session.get(Inspection, inspection_id)
    assert item.state == "shared" and item.lead_agreed_recorded_by_id == officer.id
    published = client.post(f"/inspections/{inspection_id}/publish",
                            data={"summary": "Good, but slow to reply."})
    assert published.status_code == 302
    public = _text(client.get(f"/services/{item.service.slug}/inspections"))
    assert "Good, but slow to reply." in public
    assert lead.display_name not in public


def test_public_page_shows_only_published_summaries(client, insp, session):
    inspection, officer, provider = insp.shared()
    slug = inspection.service.slug
    assert "not published a report" in _text(client.get(f"/services/{slug}/inspections"))
    assert client.get(f"/services/{slug}/inspections/{inspection.id}/certificate").status_code == 404
    assert client.get("/services/no-such-service/inspections").status_code == 404
    ins.publish_summary(session, officer, session.get(Inspection, inspection.id),
                        summary="All green. Well done.")
    session.flush()
    page = client.get(f"/services/{slug}/inspections")
    assert "All green. Well done." in _text(page)
    assert "Set-Cookie" not in page.headers
    assert len(page.data) < 14 * 1024
    cert = client.get(f"/services/{slug}/inspections/{inspection.id}/certificate")
    assert cert.status_code == 200 and "Young inspectors' certificate" in _text(cert)


def test_one_click_commitment(client, login, insp, session):
    inspection, officer, provider = insp.shared()
    rec = inspection.recommendations[0]
    ins.respond_to_recommendation(session, provider, inspection, rec, response="accepted",
                                  text="We will", by_date=date(2099, 1, 1))
    inspection_id, rec_id = inspection.id, rec.id
    login(officer)
    response = client.post(f"/inspections/{inspection_id}/recommendations/{rec_id}/commitment",
                           follow_redirects=True)
    assert "is now a “you said, we did” commitment" in _text(response)
    item = session.get(Inspection, inspection_id)
    assert item.recommendations[0].commitment_id is not None
    # a stable address the loop can link back to
    back = client.get(f"/inspections/recommendations/{rec_id}")
    assert back.status_code == 302 and back.location.endswith(f"/report#rec-{rec_id}")


def test_officer_creates_a_young_inspector_who_can_sign_in(client, login, factory, session):
    officer = factory.user(Role.PARTICIPATION)
    login(officer)
    response = client.post("/young-inspectors/new", data={
        "display_name": "Riley B", "username": "riley.yi", "password": "green apples fly high",
        "age_band": "under_16", "consent_on": "2026-01-05", "parent_consent_on": "",
        "name_preference": "team", "reward": "voucher"})
    assert response.status_code == 302
    profile = session.scalar(select(InspectorProfile).join(InspectorProfile.user)
                             .where(InspectorProfile.user.has(username="riley.yi")))
    assert profile.user.email is None and not profile.is_ready
    bad_date = client.post(f"/young-inspectors/{profile.id}/training",
                           data={"course": "Core", "completed_on": "31/02/2026"})
    assert bad_date.status_code == 400 and "Enter a real date" in _text(bad_date)
    client.post("/sign-out")
    signed_in = client.post("/sign-in", data={"username": "riley.yi",
                                              "password": "green apples fly high"})
    assert signed_in.status_code == 302


def test_hours_export_downloads(client, login, insp, session, factory):
    officer = factory.user(Role.PARTICIPATION)
    user = insp.inspector(display_name="Sam Hours")
    profile = people.profile_for_user(session, user.id)
    people.record_hours(session, officer, profile, worked_on=date(2026, 3, 2), hours="2.5",
                        activity="visit")
    login(officer)
    csv_response = client.get("/young-inspectors/hours.csv?start=2026-03-01&end=2026-03-31")
    assert csv_response.mimetype == "text/csv"
    assert "Sam Hours" in _text(csv_response) and "2.5" in _text(csv_response)
    xlsx = client.get("/young-inspectors/hours.xlsx")
    book = load_workbook(io.BytesIO(xlsx.data))
    assert book["Hours"]["A2"].value == "Sam Hours"
    junk = client.get("/young-inspectors/hours?start=2026-13-45&end=yesterday")
    assert junk.status_code == 200 and "Enter a real date" in _text(junk)
    empty = client.get("/young-inspectors/hours.csv?start=2027-01-01")
    assert empty.status_code == 200 and "Sam Hours" not in _text(empty)
    client.post("/sign-out")
    login(insp.inspector())
    assert client.get("/young-inspectors/hours.csv").status_code == 403


def test_editing_a_framework_in_use_says_it_made_a_new_version(client, login, insp, session):
    inspection = insp.inspection()
    officer = inspection.officer
    framework_id = inspection.framework_id
    login(officer)
    response = client.post(f"/frameworks/{framework_id}/edit",
                           data={"name": "Clearer name", "description": ""},
                           follow_redirects=True)
    assert "so your change made version 2" in _text(response)
    newest = session.scalar(select(Framework).where(Framework.version == 2,
                                                    Framework.name == "Clearer name"))
    assert newest is not None and session.get(Inspection, inspection.id).framework_id == framework_id


def test_csrf_is_checked_on_the_scoring_form(csrf_app, client, login, insp):
    inspection = insp.inspection()
    inspector = inspection.team[0].user
    standard_id = inspection.framework.standards[0].id
    csrf_app.config["WTF_CSRF_ENABLED"] = False
    login(inspector)
    csrf_app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/inspections/{inspection.id}/scores/{standard_id}",
                           data={"rating": "red", "evidence": "x"})
    assert response.status_code == 400
