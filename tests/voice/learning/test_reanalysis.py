"""Re-analysis in batches: idempotent, keeps people's corrections, adds safeguarding flags (and
escalates them) but never removes one, and changes no other moderation state."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from voice.analysis import Engine
from voice.audit.models import AuditEvent
from voice.learning import rules as rule_services
from voice.learning.engine import live_engine
from voice.learning.reanalysis import reanalyse_items, reanalysis_backlog
from voice.loop.models import ModerationState, Notification, SafeguardingOutcome

NOW = datetime(2027, 3, 7, 4, 0, tzinfo=UTC)
DISCLOSURE = "some days I want to kill myself and I don't know who to tell"


def stale(learning, text, **fields):
    """An item analysed with an engine that is no longer in use."""
    fields.setdefault("model_version", "rules-old")
    return learning.item(text, **fields)


def test_items_are_re_analysed_in_bounded_batches_then_nothing_is_left(session, learning):
    items = [stale(learning, f"I waited {n} months to be seen") for n in range(5)]
    version = live_engine(session).version
    assert reanalysis_backlog(session) == 5
    first = reanalyse_items(session, 2, NOW)
    assert (first.checked, first.updated, first.remaining) == (2, 2, 3)
    reanalyse_items(session, 2, NOW)
    last = reanalyse_items(session, 2, NOW)
    assert (last.checked, last.remaining) == (1, 0)
    assert {i.model_version for i in items} == {version}
    assert {i.analysed_at for i in items} == {NOW}
    again = reanalyse_items(session, 2, NOW)
    assert again.checked == 0 and str(again).startswith("every item is up to date")


def test_running_it_twice_changes_nothing_the_second_time(session, learning, people):
    rule_services.save_theme_rules(session, people["officer"], "place_and_travel",
                                   patterns="the hub")
    items = [learning.item("the hub is freezing"), learning.item("the bus there takes an hour")]
    reanalyse_items(session, 100, NOW)
    snapshot = [(i.themes, i.sentiment, i.model_version, i.state) for i in items]
    events = session.scalar(select(func.count(AuditEvent.id)))
    report = reanalyse_items(session, 100, NOW)
    assert report.checked == 0
    assert [(i.themes, i.sentiment, i.model_version, i.state) for i in items] == snapshot
    assert session.scalar(select(func.count(AuditEvent.id))) == events


def test_new_rules_reach_old_items(session, learning, people):
    item = learning.item("the hub lantern marble")
    assert "place_and_travel" not in item.themes
    rule_services.save_theme_rules(session, people["officer"], "place_and_travel",
                                   patterns="the hub")
    report = reanalyse_items(session, 100, NOW)
    assert report.updated == 1 and "place_and_travel" in item.themes
    audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "analysis.reanalysed"))
    assert audit.detail["items"] == 1


def test_a_persons_correction_is_never_overwritten(session, learning, people):
    item = learning.item("idk")
    learning.correction(item, sentiment="neutral", themes=["listened_to"], actor=people["officer"])
    rule_services.save_theme_rules(session, people["officer"], "praise", patterns="idk")
    report = reanalyse_items(session, 100, NOW)
    assert report.kept_corrections == 1
    assert (item.sentiment, item.themes) == ("neutral", ["listened_to"])
    assert item.model_version == live_engine(session).version  # not picked up again


def test_an_item_that_becomes_flagged_is_escalated_at_once(session, learning, people):
    item = stale(learning, DISCLOSURE, service=people["service"], is_safeguarding=False,
                 safeguarding_reasons=[])
    assert Engine.default().analyse(DISCLOSURE).safeguarding
    report = reanalyse_items(session, 100, NOW)
    assert report.escalated == 1
    assert item.is_safeguarding and item.state == ModerationState.ESCALATED
    assert item.escalation_note.startswith("Flagged automatically when re-analysed")
    assert item.safeguarding_reasons
    lead_told = session.scalars(select(Notification).where(
        Notification.user_id == people["lead"].id,
        Notification.dedupe_key == f"safeguarding:{item.id}")).all()
    assert len(lead_told) == 1
    # Run again: nothing more happens, nobody is told twice.
    assert reanalyse_items(session, 100, NOW).checked == 0
    assert session.scalar(select(func.count(Notification.id)).where(
        Notification.dedupe_key == f"safeguarding:{item.id}")) == 1


def test_a_published_item_that_becomes_flagged_is_taken_down(session, learning, people):
    item = stale(learning, DISCLOSURE, service=people["service"], is_safeguarding=False,
                 safeguarding_reasons=[], state=ModerationState.APPROVED, public_text="Shown")
    assert item.is_published
    reanalyse_items(session, 100, NOW)
    assert item.state == ModerationState.ESCALATED and not item.is_published


def test_a_flag_is_never_removed(session, learning, people):
    item = stale(learning, "the bus was late", service=people["service"], is_safeguarding=True,
                 safeguarding_reasons=["feeling unsafe at home"], state=ModerationState.ESCALATED)
    reanalyse_items(session, 100, NOW)
    assert item.is_safeguarding and item.state == ModerationState.ESCALATED
    assert item.safeguarding_reasons == ["feeling unsafe at home"]


def test_a_leads_no_concern_decision_stands_for_the_same_reasons(session, learning, people):
    reasons = list(Engine.default().analyse(DISCLOSURE).safeguarding_reasons)
    item = stale(learning, DISCLOSURE, service=people["service"], is_safeguarding=False,
                 safeguarding_reasons=reasons, state=ModerationState.NEW,
                 safeguarding_outcome=SafeguardingOutcome.NO_CONCERN.value,
                 safeguarding_note="Song lyrics; spoke to the youth worker")
    report = reanalyse_items(session, 100, NOW)
    assert report.escalated == 0
    assert not item.is_safeguarding and item.state == ModerationState.NEW
    assert item.safeguarding_outcome == SafeguardingOutcome.NO_CONCERN


def test_a_new_reason_after_a_no_concern_decision_is_escalated_again(session, learning, people):
    item = stale(learning, DISCLOSURE, service=people["service"], is_safeguarding=False,
                 safeguarding_reasons=["bullying"], state=ModerationState.NEW,
                 safeguarding_outcome=SafeguardingOutcome.NO_CONCERN.value)
    reanalyse_items(session, 100, NOW)
    assert item.is_safeguarding and item.state == ModerationState.ESCALATED
    assert item.safeguarding_reasons[0] == "bullying" and len(item.safeguarding_reasons) > 1


@pytest.mark.parametrize("state", [ModerationState.NEW, ModerationState.APPROVED,
                                   ModerationState.HIDDEN, ModerationState.DUPLICATE])
def test_no_other_moderation_state_changes(session, learning, people, state):
    item = stale(learning, "the waiting room is boring", service=people["service"],
                 state=state, public_text="The waiting room is boring")
    reanalyse_items(session, 100, NOW)
    assert item.state == state and item.public_text == "The waiting room is boring"


def test_an_item_the_analyser_cannot_read_does_not_stop_the_others(session, learning,
                                                                   monkeypatch):
    good = stale(learning, "the bus there takes an hour")
    bad = stale(learning, "this one breaks the analyser")
    engine = live_engine(session)

    class Fussy:
        version = engine.version

        def analyse_many(self, texts, kinds):
            raise ValueError("batch failed")

        def analyse(self, text, kind=None):
            if "breaks" in text:
                raise ValueError("cannot read")
            return engine.analyse(text, kind)

    report = reanalyse_items(session, 100, NOW, engine=Fussy())
    assert (report.updated, report.failed) == (1, 1)
    assert good.model_version == engine.version and bad.model_version == "rules-old"


def test_items_whose_words_were_erased_keep_what_counts_need(session, learning):
    """Retention erases the words after three years; the sentiment and themes stay."""
    item = stale(learning, "the bus there takes an hour")
    item.text, item.redacted_text = "", ""
    item.sentiment, item.themes = "negative", ["place_and_travel"]
    session.flush()
    assert reanalysis_backlog(session) == 0
    assert reanalyse_items(session, 100, NOW).checked == 0
    assert (item.sentiment, item.themes) == ("negative", ["place_and_travel"])
