"""The print check: every page people print from Voice, printed to A4 by headless Chromium, needs
no repair. For the board report (demo county, every section), the survey poster, card sheets,
the certificate, a young inspectors' report and the loop's posters: nothing crosses the printable area or is cut off inside
a box, no page is empty or holds only a border, every table's header row is on each page its
rows are on, every row (totals too) prints once, and no heading is left at the foot of a page.

The PDFs of the last run are kept in ``build/print/`` (``VOICE_PRINT_DIR`` to move them), so a
person can look at them. How the check works: ``tests/e2e/printing.py``."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from inspectors.models import Inspection, InspectionState
from surveys.demo import DEMO_TITLE
from surveys.models import Survey, SurveyLink
from tests.e2e.printing import PRINT_DIR, pdf_pages, print_problems
from voice.auth.roles import Role
from voice.loop.models import CardLink

pytestmark = pytest.mark.e2e

REPORT_SECTIONS = ["Summary", "Key figures", "Friends and Family Test",
                   "What young people are talking about", "Action cards",
                   "Commitments to young people", "Young inspectors", "Who we are hearing from"]


def _assert_prints_well(page, name: str, *, most_pages: int) -> None:
    problems = print_problems(page, name)
    assert not problems, (f"{name} does not print well on A4 (the PDF is {PRINT_DIR / name}.pdf):"
                          "\n- " + "\n- ".join(problems))
    assert 1 <= pdf_pages(name) <= most_pages, f"{name} printed {pdf_pages(name)} pages"


def _demo_survey(live_server) -> tuple[int, list[SurveyLink]]:
    with live_server.session() as session:
        survey = session.scalars(select(Survey).where(Survey.title == DEMO_TITLE)).first()
        links = session.scalars(select(SurveyLink).where(SurveyLink.survey_id == survey.id)
                                .order_by(SurveyLink.id)).all()
        session.expunge_all()
        return survey.id, links


def test_the_board_report_prints_every_section_on_a4(page, signed_in):
    signed_in(page, Role.COMMISSIONER)
    page.goto("/summaries/report")
    for section in REPORT_SECTIONS:
        expect(page.get_by_role("heading", level=2, name=section, exact=True)).to_be_visible()
    expect(page.locator("table tbody tr").first).to_be_visible()
    _assert_prints_well(page, "board-report", most_pages=14)

    # the running header and footer: the period on every page, the title, date and page number
    from pypdf import PdfReader
    pages = PdfReader(str(PRINT_DIR / "board-report.pdf")).pages
    period = page.locator(".report-header .lede").inner_text().split(", compared with")[0]
    for number, pdf_page in enumerate(pages, start=1):
        text = " ".join(pdf_page.extract_text().split())
        assert f"Page {number} of {len(pages)}" in text
        assert "report for the board, made" in text
        assert " ".join(period.split()) in text, f"page {number} does not name the period"


def test_a_survey_poster_prints_on_one_page(page, signed_in, live_server):
    survey_id, links = _demo_survey(live_server)
    signed_in(page, Role.PARTICIPATION)
    page.goto(f"/surveys/{survey_id}/links/{links[0].id}/poster")
    expect(page.get_by_text("Scan the code with your phone camera")).to_be_visible()
    _assert_prints_well(page, "survey-poster", most_pages=1)


def test_a_card_sheet_prints_eight_whole_cards_to_a_page(page, signed_in, live_server):
    survey_id, links = _demo_survey(live_server)
    signed_in(page, Role.PARTICIPATION)
    page.goto(f"/surveys/{survey_id}/cards?link={links[0].id}")      # one link fills a page
    expect(page.locator(".survey-card")).to_have_count(8)
    _assert_prints_well(page, "card-sheet", most_pages=1)

    page.goto(f"/surveys/{survey_id}/cards?" + "&".join(f"link={link.id}" for link in links))
    expect(page.locator(".survey-card")).to_have_count(len(links))
    _assert_prints_well(page, "card-sheet-several-links", most_pages=(len(links) + 7) // 8)


@pytest.fixture()
def awarded_certificate(live_server):
    """The demo's published inspection, with its certificate awarded for this test only."""
    with live_server.session() as session:
        inspection = session.scalars(select(Inspection).where(
            Inspection.state == InspectionState.PUBLISHED).order_by(Inspection.id)).first()
        awarded, inspection.certificate_awarded = inspection.certificate_awarded, True
        inspection_id = inspection.id
    yield inspection_id
    with live_server.session() as session:
        session.get(Inspection, inspection_id).certificate_awarded = awarded


def test_a_certificate_prints_on_one_page(page, signed_in, awarded_certificate):
    signed_in(page, Role.PARTICIPATION)
    page.goto(f"/inspections/{awarded_certificate}/certificate")
    expect(page.get_by_text("Young inspectors' certificate")).to_be_visible()
    _assert_prints_well(page, "certificate", most_pages=1)


def test_a_young_inspectors_report_prints_on_a4(page, signed_in, live_server):
    with live_server.session() as session:
        done = session.scalars(select(Inspection.id).where(
            Inspection.state == InspectionState.PUBLISHED).order_by(Inspection.id)).first()
    signed_in(page, Role.PARTICIPATION)
    page.goto(f"/inspections/{done}/report")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _assert_prints_well(page, "inspection-report", most_pages=8)


def test_the_loop_posters_print_on_a4(page, signed_in, live_server):
    with live_server.session() as session:
        link = session.scalars(select(CardLink).order_by(CardLink.id)).first()
        token, slug = link.token, link.service.slug
    signed_in(page, Role.PARTICIPATION)
    page.goto(f"/action-cards/links/{token}/poster")
    _assert_prints_well(page, "action-card-poster", most_pages=1)
    page.goto(f"/you-said-we-did/{slug}/poster")
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did")
    _assert_prints_well(page, "you-said-we-did-poster", most_pages=3)


def test_the_print_check_finds_what_needs_repair(page):
    """The check itself: a page with each fault that issue 14 found is caught, in words."""
    rows = "".join(f"<tr><th>Group {n}</th><td>{n}</td></tr>" for n in range(60))
    page.set_content(f"""<html><head><style>
      @page {{ size: A4; margin: 15mm }}
      .wide {{ width: 260mm }} .card {{ height: 20mm; overflow: hidden }}
      .tall {{ height: 268mm; border: 1px solid #000; break-inside: avoid }}
      p {{ margin: 0 }}
    </style></head><body><main>
      <div class="wide">This line is wider than the page.</div>
      <div class="card">{"<p>Overall, how was your time?</p>" * 8}</div>
      <table><caption>Ages</caption><thead><tr><th>Age</th><th>Count</th></tr></thead>
        <tbody>{rows}</tbody><tfoot><tr><th>All responses</th><td>60</td></tr></tfoot></table>
      <div class="tall"><p>A card.</p></div><div class="tall"></div>
    </main></body></html>""")
    problems = "\n".join(print_problems(page, "print-check-self-test"))
    assert "div.wide (“This line is wider than the page.”) crosses the printable width" in problems
    assert "div.card" in problems and "cuts off its content" in problems
    assert "row 61 of the table “Ages” is printed" in problems          # the tfoot repeats
    assert "is empty (or holds only a border)" in problems
