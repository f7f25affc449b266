"""Demo data for learning: the participation officer's corrections of the demo county's survey
answers (some fix the analysis, most confirm it), and one weekly training run on them.

Idempotent: a correction identical to an item's newest one is not stored again, and training is
run only if it has never run.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.auth.roles import Role
from voice.db import utcnow
from voice.demo import demo_step
from voice.learning.corrections import record_correction
from voice.learning.models import TrainingRun
from voice.learning.training import retrain
from voice.loop.models import VoiceItem

POS, NEU, NEG = "positive", "neutral", "negative"

# The words of a demo answer -> what a participation officer says it is about and how it felt.
CORRECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Give us a way to contact you out of hours": (NEG, ("waiting_and_access", "online_and_phone")),
    "I didnt feel listened to, they had already decided what was wrong with me":
        (NEG, ("listened_to",)),
    "I had 3 different workers in a year, I just want one person": (NEG, ("joined_up_care",)),
    "I waited 14 months to be seen and nobody told me what was happening":
        (NEG, ("waiting_and_access", "communication")),
    "Let me talk without my parents there": (NEG, ("listened_to", "feeling_safe_and_privacy")),
    "More online appointments please, I hate phone calls": (NEG, ("online_and_phone",)),
    "Nothing, it was good": (POS, ("praise",)),
    "Some staff were rude at reception": (NEG, ("staff_attitude",)),
    "The forms are too long and confusing": (NEG, ("communication",)),
    "better times, I have to miss school to come": (NEG, ("waiting_and_access",)),
    "can you have a quiet room, the noise makes it hard for me": (NEG, ("place_and_travel",)),
    "don't change my worker without telling me": (NEG, ("communication", "joined_up_care")),
    "explain what the letters mean, I didn't understand any of it": (NEG, ("communication",)),
    "faster!!!! ⏰": (NEG, ("waiting_and_access",)),
    "idk": (NEU, ()),
    "it took ages to get through on the phone 📞": (NEG, ("waiting_and_access", "online_and_phone")),
    "listen to young people more and not just the adults": (NEG, ("listened_to",)),
    "more sessions, 6 is not enough": (NEG, ("quality_of_support",)),
    "nothing x": (POS, ("praise",)),
    "please reply to messages quicker": (NEG, ("communication", "online_and_phone")),
    "stop making me tell my story again every time I see someone new": (NEG, ("joined_up_care",)),
    "the bus there takes over an hour": (NEG, ("place_and_travel",)),
    "the text reminders came after the appointment 🙄": (NEG, ("communication", "online_and_phone")),
    "they cancelled my appointment twice and didnt say sorry": (NEG, ("doing_what_you_said",)),
    "they said they would ring me back and never did":
        (NEG, ("communication", "doing_what_you_said")),
    "they talked to my mum the whole time and not to me 😡": (NEG, ("listened_to", "communication")),
    "Being able to talk on my own without my dad in the room": (POS, ("feeling_safe_and_privacy",)),
    "Dziękuję, pani była bardzo miła i cierpliwa": (POS, ("staff_attitude", "praise")),
    "I felt listened to for the first time in ages": (POS, ("listened_to",)),
    "I liked that I could text instead of ringing, phone calls make me anxious":
        (POS, ("online_and_phone",)),
    "It helped having the same person every time": (POS, ("joined_up_care", "quality_of_support")),
    "She used words I could understand and checked I was ok":
        (POS, ("communication", "staff_attitude")),
    "The nurse was really kind and explained everything so I understood":
        (POS, ("communication", "staff_attitude")),
    "They didn't judge me": (POS, ("staff_attitude",)),
    "everyone was friendly 👍": (POS, ("staff_attitude",)),
    "free bus pass to get there 🙌": (POS, ("place_and_travel",)),
    "good advice about my meds": (POS, ("quality_of_support",)),
    "honestly everything 💯": (POS, ("praise",)),
    "it was quick and the waiting room had stuff to do": (POS, ("waiting_and_access", "place_and_travel")),
    "my PA helped me sort my flat and my money when I was really stressed":
        (POS, ("quality_of_support",)),
    "they remembered what i said last time so i didnt have to tell my whole story again 🙏":
        (POS, ("joined_up_care",)),
    "the drop in on thursdays is easy, you dont need an appointment": (POS, ("waiting_and_access",)),
    "the worker asked me if i felt safe which no one had asked before":
        (POS, ("listened_to", "feeling_safe_and_privacy")),
    "they explained the assessment properly and what the words mean": (POS, ("communication",)),
    "شكرا لكم، ساعدتموني كثيرا": (POS, ("praise", "quality_of_support")),
    "Nothing really, it was all fine": (NEU, ()),
    "The counsellor helped me work out what to say to my teachers": (POS, ("quality_of_support",)),
    "my worker actually listened to me and didnt just talk to my mum":
        (POS, ("listened_to", "communication")),
}


@demo_step(95)
def learning_demo(session: Session, ctx: dict[str, Any]) -> None:
    officer = ctx["users"].get(Role.PARTICIPATION) or ctx["users"].get(Role.PARTICIPATION.value)
    items = session.scalars(select(VoiceItem).where(VoiceItem.text.in_(list(CORRECTIONS)),
                                                    VoiceItem.is_safeguarding.is_(False))
                            .order_by(VoiceItem.id)).all()
    for item in items:
        sentiment, themes = CORRECTIONS[item.text]
        record_correction(session, officer, item, themes=themes, sentiment=sentiment)
    session.flush()
    if items and session.scalar(select(TrainingRun.id).limit(1)) is None:
        retrain(session, None, utcnow())
