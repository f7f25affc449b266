"""Demo data for the loop: card links for every demo service, young people's cards (some
approved, some waiting, some saying the same thing), and commitments in every status and colour.

Idempotent: cards are keyed by their submission key, commitments by their service and wording.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.auth.roles import Role
from voice.demo import address_provider, demo_step
from voice.loop import cards as card_services
from voice.loop import commitments as commitment_services
from voice.loop import moderation
from voice.loop.models import CardLink, Commitment, ModerationState
from voice.loop.rag import today_in_london

CAMHS = "Children and Young People's Mental Health Service (CAMHS)"
SCHOOL_NURSING = "School Nursing"
SHORT_BREAKS = "Short Breaks for Disabled Children"
CARE_LEAVERS = "Care Leavers' Support (Next Steps)"
OPEN_DOOR = "Open Door Youth Counselling"
SEXUAL_HEALTH = "Young People's Sexual Health Clinic"
MHST = "Mental Health Support Teams in Schools"

PLACES = {
    CAMHS: "Waiting room, Northdale Child and Family Centre",
    SCHOOL_NURSING: "School nurse drop-in posters",
    SHORT_BREAKS: "Saturday club cards",
    CARE_LEAVERS: "Next Steps hub, Westbridge",
    OPEN_DOOR: "Reception, Open Door Westbridge",
    SEXUAL_HEALTH: "Clinic waiting area, Eastmoor",
}

# key, service, kind, what, why, age band, public wording (None: leave waiting for moderation)
CARDS = [
    ("wait-1", CAMHS, "change", "Tell us how long the wait is. I waited 7 months and nobody rang me once.",
     "You feel like they forgot about you.", "14-15",
     "Tell us how long the wait is. I waited 7 months and nobody rang me once. You feel like they forgot about you."),
    ("wait-2", CAMHS, "change", "Nobody tells you where you are on the waiting list",
     "", "16-17", "Nobody tells you where you are on the waiting list."),
    ("wait-3", CAMHS, "start", "start texting people on the waiting list so we know whats happening",
     "my mum keeps ringing them and gets nowhere", "11-13",
     "Start texting people on the waiting list so we know what's happening."),
    ("story-1", CAMHS, "stop", "Stop making me tell my whole story again every time I see someone new",
     "It's really hard to say it all again and it makes me feel worse", "16-17",
     "Stop making me tell my whole story again every time I see someone new. It's really hard to "
     "say it all again."),
    ("room-1", CAMHS, "change", "The waiting room is full of baby toys and feels like a hospital",
     "There's nothing for teenagers and it makes you more nervous", "14-15",
     "The waiting room is full of baby toys and feels like a hospital. There's nothing for teenagers."),
    ("room-2", CAMHS, "change", "waiting room is boring, can we have music or something",
     "", "11-13", "The waiting room is boring. Can we have music or something?"),
    ("parent-1", CAMHS, "change", "Dr Patel should talk to me not just my mum",
     "It's my appointment", "14-15", "The doctor should talk to me, not just my mum. It's my appointment."),
    ("dropin-1", SCHOOL_NURSING, "start", "Start doing drop-ins at lunchtime so I don't miss lessons",
     "I don't want to have to explain to my teacher why I'm leaving", "14-15",
     "Start doing drop-ins at lunchtime so I don't miss lessons."),
    ("chat-1", SCHOOL_NURSING, "change", "Text back faster on ChatHealth, it took 3 days",
     "", "16-17", "Text back faster on ChatHealth. It took 3 days."),
    ("summer-1", SHORT_BREAKS, "start", "Tell us what clubs are on in the summer before it's too late to book",
     "All the good ones were full", None,
     "Tell us what clubs are on in the summer before it's too late to book. All the good ones were full."),
    ("pa-1", CARE_LEAVERS, "change", "My PA should answer when I ring, not just email me back a week later",
     "When you're about to lose your flat you can't wait a week", "18-21",
     "My personal adviser should answer when I ring, not email back a week later."),
    ("sat-1", OPEN_DOOR, "start", "Start doing sessions on Saturdays", "I have college all week",
     "16-17", "Start doing sessions on Saturdays. I have college all week."),
    ("dob-1", SEXUAL_HEALTH, "stop", "Stop asking for my date of birth out loud at reception",
     "Everyone in the waiting room can hear", "16-17",
     "Stop asking for my date of birth out loud at reception. Everyone can hear."),
    ("new-1", CAMHS, "start", "Start having appointments after school, not in the middle of maths",
     "", "14-15", None),
    ("new-2", SCHOOL_NURSING, "stop", "stop putting the nurse room next to the staff room lol",
     "everyone sees you go in", "11-13", None),
    ("worry-1", OPEN_DOOR, "change", "I don't feel safe walking home after my session, older boys "
     "wait outside and follow me", "Can someone walk us to the bus stop", "14-15", None),
]

# Cards a participation officer passes to the safeguarding lead (key → what worried them).
ESCALATE = {"worry-1": "A young person says they are followed home after sessions."}

# Cards that say the same as another (duplicate key → primary key).
DUPLICATES = {"wait-2": "wait-1", "wait-3": "wait-1", "room-2": "room-1"}

# service, you said, we will, owner is the demo provider user?, status, days from today to the
# due date, we did, can't do reason, assured by, public, linked cards
COMMITMENTS = [
    (CAMHS, "Waiting is scary when nobody tells you how long it will be or where you are on the list.",
     "Text every young person on the waiting list each month: where they are, roughly how long is "
     "left, and who to call if things get worse.", True, "not_started", 45, None, None, None, True,
     ["wait-1"]),
    (CAMHS, "The waiting room feels like a hospital and has nothing for teenagers.",
     "Redecorate the teenage waiting area with ideas from young people, with music and phone "
     "charging.", True, "in_progress", -12, None, None, None, True, ["room-1"]),
    (CAMHS, "You have to tell your story again every time you see someone new.",
     "Ask every young person if they want a one-page \"about me\" that they write, so new workers "
     "read it first.", True, "done", -5,
     "Young people helped us write an \"about me\" page. Every new worker reads it before they meet "
     "you, so you don't have to start again.", None, "young_inspectors", True, ["story-1"]),
    (CAMHS, "Doctors talk to our parents instead of to us.",
     "Train every clinician to speak to the young person first, and ask who they want in the room.",
     True, "not_started", 9, None, None, None, True, ["parent-1"]),
    (SCHOOL_NURSING, "Going to the school nurse means missing lessons and explaining why.",
     "Run a lunchtime drop-in at every secondary school in Eastmoor.", False, "in_progress", 30,
     None, None, None, True, ["dropin-1"]),
    (SCHOOL_NURSING, "Text replies from the school nurse take too long.",
     "Reply to every ChatHealth message within one working day.", False, "done", -20,
     "We added a second nurse to ChatHealth every afternoon. Most messages now get a reply the same "
     "day.", None, None, True, ["chat-1"]),
    (SHORT_BREAKS, "You find out about summer clubs too late to book them.",
     "Publish the whole summer programme by 1 May, with an easy-read version.", False, "done", -40,
     "The summer programme came out on 28 April, with an easy-read version and pictures.",
     None, "young_peoples_group", True, ["summer-1"]),
    (OPEN_DOOR, "Counselling is only on weekdays, when we are at college.",
     "Open on Saturday mornings.", False, "cant_do", 20, None,
     "We looked at this carefully. We don't have enough counsellors to open on Saturdays this year, "
     "so from January we are staying open until 8pm on Tuesdays and Thursdays instead.", None, True,
     ["sat-1"]),
    (SEXUAL_HEALTH, "Reception asks for your date of birth out loud, so everyone hears.",
     "Give you a card at reception to write your details on instead of saying them.", False,
     "in_progress", 60, None, None, None, True, ["dob-1"]),
    (CARE_LEAVERS, "Personal advisers don't pick up the phone when you need them.",
     "Set up a duty phone line answered by a personal adviser every weekday, 9am to 5pm.", False,
     "cant_do", 15, None, None, None, False, ["pa-1"]),
]


def _links(session: Session, services: dict[str, Any], areas: dict[str, Any]) -> dict[str, CardLink]:
    links: dict[str, CardLink] = {}
    for name, service in services.items():
        link = session.scalar(select(CardLink).where(CardLink.service_id == service.id)
                              .order_by(CardLink.id).limit(1))
        if link is None:
            area = service.areas[0] if service.areas else None
            link = card_services.create_card_link(
                session, None, service_id=service.id, place=PLACES.get(name, "Waiting room"),
                area_id=area.id if area else None)
        links[name] = link
    return links


@demo_step(40)
def loop_demo(session: Session, ctx: dict[str, Any]) -> None:
    services, users = ctx["services"], ctx["users"]
    officer = users[Role.PARTICIPATION.value]
    provider_user = users[Role.PROVIDER.value]
    links = _links(session, services, ctx["areas"])

    items = {}
    for key, service_name, kind, what, why, age, wording in CARDS:
        if service_name not in links:
            continue
        submitted = card_services.submit_card(
            session, links[service_name],
            card_services.CardInput(kind=kind, what=what, why=why, age_band=age),
            submission_key=f"demo-{key}")
        item = submitted.item
        items[key] = item
        if wording and item.state == ModerationState.NEW and key not in DUPLICATES:
            moderation.approve_item(session, officer, item, public_text=wording)
    for key, primary in DUPLICATES.items():
        item, of = items.get(key), items.get(primary)
        if item is not None and of is not None and item.state == ModerationState.NEW \
                and not of.is_restricted and not item.is_safeguarding:
            moderation.mark_duplicate(session, officer, item, of)
    for key, note in ESCALATE.items():
        item = items.get(key)
        if item is not None and item.state == ModerationState.NEW:
            moderation.escalate_item(session, officer, item, note=note)
    session.flush()

    today = today_in_london()
    for (service_name, you_said, we_will, provider_owned, status, due_in, we_did, reason,
         assured_by, public, card_keys) in COMMITMENTS:
        service = services.get(service_name)
        if service is None:
            continue
        exists = session.scalar(select(Commitment.id).where(
            Commitment.service_id == service.id, Commitment.you_said == you_said))
        if exists is not None:
            continue
        due = today + timedelta(days=due_in)
        made_on = min(today, due - timedelta(days=60))
        owner = provider_user if provider_owned and provider_user.organisation_id == service.provider_id \
            else None
        commitment = commitment_services.create_commitment(
            session, officer, you_said=you_said, we_will=we_will,
            owner_organisation_id=service.provider_id, owner_user_id=owner.id if owner else None,
            due_date=due, voice_item_ids=[items[k].id for k in card_keys
                                          if k in items and not items[k].is_restricted],
            service_id=service.id, is_public=public, today=made_on)
        if status != "not_started":
            commitment_services.record_progress(session, officer, commitment, status=status,
                                                we_did=we_did, cant_do_reason=reason, today=today)
        if assured_by:
            commitment_services.assure_commitment(
                session, officer, commitment, by=assured_by, today=today,
                group="Northdale Youth Council" if assured_by == "young_peoples_group" else None,
                followup="their follow-up visit" if assured_by == "young_inspectors" else None,
                session_on=today, young_people=9 if assured_by == "young_peoples_group" else None,
                note="Young people visited and saw the change for themselves.")
        commitment_services.refresh_rag(session, commitment, today=today)
    session.flush()


@address_provider
def card_addresses(session: Session, base_url: str) -> list[tuple[str, str]]:
    link = session.scalar(select(CardLink).where(CardLink.is_paused.is_(False))
                          .order_by(CardLink.id).limit(1))
    if link is None:
        return []
    return [("Action card", f"{base_url}/card/{link.token}"),
            ("You said, we did", f"{base_url}/you-said-we-did")]
