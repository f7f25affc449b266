"""Demo data for surveys: the three ready-made templates, one open survey with links for the
demo services, and about six months of answers written the way young people write.

Idempotent: the demo survey is found by its title, and nothing is added when it exists.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveys import operations
from surveys.models import Channel, Survey, SurveyLink
from surveys.questions import QuestionSpec
from surveys.submission import submit_response
from voice.ages import AGE_CHOICES
from voice.auth.roles import Role
from voice.db import utcnow
from voice.demo import address_provider, demo_step

DEMO_TITLE = "Tell us how we did"
DEMO_INTRO = ("Tell us what it was like using our service, so we can make it better. It takes "
              "about a minute.")
DEMO_RESPONSES = 320
DEMO_DAYS = 182
SEED = 20261123

# (service name, place, channel, how many answers it gets compared with the others)
DEMO_LINKS = [
    ("Children and Young People's Mental Health Service (CAMHS)", "Northdale Central", Channel.POSTER, 6),
    ("Children and Young People's Mental Health Service (CAMHS)", "Westbridge", Channel.CARD, 3),
    ("Children and Young People's Mental Health Service (CAMHS)", "Northdale Central", Channel.TEXT_MESSAGE, 4),
    ("Mental Health Support Teams in Schools", "Eastmoor", Channel.POSTER, 3),
    ("School Nursing", "Eastmoor", Channel.POSTER, 4),
    ("School Nursing", "Saltcombe Coast", Channel.CARD, 2),
    ("Short Breaks for Disabled Children", "Northdale Central", Channel.EMAIL, 2),
    ("Care Leavers' Support (Next Steps)", "Westbridge", Channel.TEXT_MESSAGE, 3),
    ("Open Door Youth Counselling", "Saltcombe Coast", Channel.WEBSITE, 3),
    ("Speech and Language Therapy", "Eastmoor", Channel.POSTER, 1),
    ("Autism and ADHD Assessment", "Northdale Central", Channel.POSTER, 3),
    ("Young People's Sexual Health Clinic", "Eastmoor", Channel.CARD, 2),
]

# How each service tends to be rated: weights for very good, good, neither, poor, very poor,
# don't know. Waiting-list services do worse; people tend to be kind when asked.
FFT_WEIGHTS = {
    "Children and Young People's Mental Health Service (CAMHS)": [22, 26, 14, 16, 14, 4],
    "Autism and ADHD Assessment": [14, 20, 18, 22, 20, 6],
    "Open Door Youth Counselling": [55, 28, 8, 4, 2, 3],
    "School Nursing": [45, 30, 12, 6, 3, 4],
}
DEFAULT_FFT_WEIGHTS = [38, 32, 13, 8, 5, 4]
FFT_VALUES = ["very_good", "good", "neither", "poor", "very_poor", "dont_know"]

WHAT_GOOD = [
    "my worker actually listened to me and didnt just talk to my mum",
    "The nurse was really kind and explained everything so I understood",
    "I liked that I could text instead of ringing, phone calls make me anxious",
    "they remembered what i said last time so i didnt have to tell my whole story again 🙏",
    "Nothing really, it was all fine",
    "sarah is the best!!! 😊😊",
    "Being able to talk on my own without my dad in the room",
    "it was quick and the waiting room had stuff to do",
    "They didn't judge me",
    "The counsellor helped me work out what to say to my teachers",
    "felt like i was treated like an adult not a little kid",
    "I got a choice of where to meet which was good cos the clinic is miles away",
    "everyone was friendly 👍",
    "They told me what was going to happen next and when",
    "free bus pass to get there 🙌",
    "my PA helped me sort my flat and my money when I was really stressed",
    "The short breaks club is the best part of my week!! I love the trips 🎉",
    "She used words I could understand and checked I was ok",
    "It helped having the same person every time",
    "the drop in on thursdays is easy, you dont need an appointment",
    "Dziękuję, pani była bardzo miła i cierpliwa",
    "شكرا لكم، ساعدتموني كثيرا",
    "the worker asked me if i felt safe which no one had asked before",
    "they gave me the online option so I could do it from my bedroom",
    "honestly everything 💯",
    "good advice about my meds",
    "I felt listened to for the first time in ages",
    "they explained the assessment properly and what the words mean",
    "the wellbeing practitioner at school is really easy to talk to",
    "kept my appointment even though it was snowing ❄️",
]

COULD_IMPROVE = [
    "I waited 14 months to be seen and nobody told me what was happening",
    "the waiting list is way too long, I felt like nobody cared",
    "they talked to my mum the whole time and not to me 😡",
    "stop making me tell my story again every time I see someone new",
    "I had 3 different workers in a year, I just want one person",
    "Nothing, it was good",
    "they cancelled my appointment twice and didnt say sorry",
    "better times, I have to miss school to come",
    "the waiting room is really boring and feels like a hospital",
    "More online appointments please, I hate phone calls",
    "they said they would ring me back and never did",
    "explain what the letters mean, I didn't understand any of it",
    "it took ages to get through on the phone 📞",
    "I didnt feel listened to, they had already decided what was wrong with me",
    "tell us what happens when you turn 18, I'm scared about moving to adult services",
    "the bus there takes over an hour",
    "Some staff were rude at reception",
    "Let me talk without my parents there",
    "faster!!!! ⏰",
    "more sessions, 6 is not enough",
    "Give us a way to contact you out of hours",
    "idk",
    "my ADHD assessment is taking forever and school keep saying wait for the assessment 😔",
    "don't change my worker without telling me",
    "The forms are too long and confusing",
    "can you have a quiet room, the noise makes it hard for me",
    "nothing x",
    "the text reminders came after the appointment 🙄",
    "please reply to messages quicker",
    "listen to young people more and not just the adults",
]

# Weights for the template's "main thing that went wrong" answers, in order: waiting, not
# listened to, not explained, hard to get there, something else.
PROBLEM_WEIGHTS = [6, 4, 2, 2, 1]

# Words a safeguarding check must catch: never published, always read by a person.
SAFEGUARDING_TEXTS = [
    "my mums boyfriend hits me when shes at work and i dont feel safe going home",
    "some days I think about killing myself and I don't know who to tell",
]

# Which version of the survey each young person answered in (surveys/content.py), weighted.
LANGUAGE_ANSWERS = ["en", "en-easy", "cy", "cy-easy", "ar", "ar-easy"]
LANGUAGE_WEIGHTS = [86, 4, 5, 1, 3, 1]

# Every age answer (voice.ages), weighted: few under-8s answer a survey themselves.
AGE_ANSWERS = [value for value, _ in AGE_CHOICES]
AGE_WEIGHTS = [1, 6, 24, 26, 22, 12, 5, 5]


def demo_survey(session: Session) -> Survey | None:
    return session.scalar(select(Survey).where(Survey.title == DEMO_TITLE,
                                               Survey.is_template.is_(False))
                          .order_by(Survey.id).limit(1))


@demo_step(30)
def load_survey_demo(session: Session, ctx: dict[str, Any]) -> None:
    """Templates, an open demo survey with links, and six months of answers."""
    templates = operations.install_builtin_templates(session)
    if demo_survey(session) is not None:
        return
    officer = ctx["users"].get(Role.PARTICIPATION.value)
    services = ctx["services"]
    areas = ctx["areas"]
    fft_template = next(t for t in templates if t.template_key == "childrens_fft")
    survey = operations.copy_survey(session, officer, fft_template, title=DEMO_TITLE)
    operations.update_survey(session, officer, survey, intro=DEMO_INTRO,
                             service_ids=[services[name].id for name, *_ in DEMO_LINKS
                                          if name in services])
    links: list[tuple[SurveyLink, int]] = []
    for name, place, channel, weight in DEMO_LINKS:
        if name in services and place in areas:
            link = operations.create_link(session, officer, survey, service_id=services[name].id,
                                          area_id=areas[place].id, channel=channel.value)
            links.append((link, weight))
    operations.open_survey(session, officer, survey)
    now = utcnow()
    survey.opened_at = now - timedelta(days=DEMO_DAYS + 1)
    _add_responses(session, survey, links, now)


def _add_responses(session: Session, survey: Survey, links, now) -> None:
    rng = random.Random(SEED)
    # Languages drawn apart, so the other answers are the same as before languages existed.
    language_rng = random.Random(SEED + 1)
    specs = [QuestionSpec.of(q) for q in sorted(survey.questions, key=lambda q: q.position)]
    by_code = {q.code: q for q in survey.questions}
    fft, problem = by_code["fft"], by_code["main_problem"]
    good, improve, age = by_code["what_good"], by_code["could_improve"], by_code["about_age"]
    problems = [o["value"] for o in problem.options]
    completed: dict[int, int] = {}
    safeguarding_at = {DEMO_RESPONSES // 3: SAFEGUARDING_TEXTS[0],
                       (2 * DEMO_RESPONSES) // 3: SAFEGUARDING_TEXTS[1]}
    for index in range(DEMO_RESPONSES):
        link = rng.choices([link for link, _ in links], weights=[w for _, w in links])[0]
        # More answers recently, as posters go up and word spreads.
        days_ago = DEMO_DAYS * (1 - rng.random() ** 0.8)
        when = now - timedelta(days=days_ago, minutes=rng.randint(0, 600))
        weights = FFT_WEIGHTS.get(link.service.name, DEFAULT_FFT_WEIGHTS)
        rating = rng.choices(FFT_VALUES, weights=weights)[0]
        answers: dict[int, list[str]] = {fft.id: [rating]}
        if rating in ("poor", "very_poor") and rng.random() < 0.8:
            answers[problem.id] = [rng.choices(problems, weights=PROBLEM_WEIGHTS)[0]]
        positive = rating in ("very_good", "good")
        if rng.random() < (0.6 if positive else 0.3):
            answers[good.id] = [rng.choice(WHAT_GOOD)]
        if rng.random() < (0.35 if positive else 0.75):
            answers[improve.id] = [rng.choice(COULD_IMPROVE)]
        if index in safeguarding_at:
            answers[improve.id] = [safeguarding_at[index]]
        if rng.random() < 0.7:
            answers[age.id] = [rng.choices(AGE_ANSWERS, weights=AGE_WEIGHTS)[0]]
        language = language_rng.choices(LANGUAGE_ANSWERS, weights=LANGUAGE_WEIGHTS)[0]
        submit_response(session, link, f"demo-{survey.id}-{index}", specs, answers, now=when,
                        language=language)
        completed[link.id] = completed.get(link.id, 0) + 1
    # The funnel: more people open a poster's link than start, and more start than finish.
    for link, _ in links:
        done = completed.get(link.id, 0)
        link.started_count = done + rng.randint(done // 8, done // 4 + 2)
        link.opened_count = link.started_count + rng.randint(done // 3, done // 2 + 4)
    session.flush()


@address_provider
def survey_address(session: Session, base_url: str) -> list[tuple[str, str]]:
    """The demo survey's first live link, printed by `make run` at every start."""
    survey = demo_survey(session)
    if survey is None:
        return []
    link = session.scalar(select(SurveyLink).where(SurveyLink.survey_id == survey.id,
                                                   SurveyLink.is_paused.is_(False))
                          .order_by(SurveyLink.id).limit(1))
    return [("Public survey", f"{base_url}/s/{link.token}")] if link else []
