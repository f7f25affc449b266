"""The ready-made templates participation teams copy. Written in plain words for young people.

"Were our promises kept?" follows the ten wishes young people in Plymouth wrote for the
professionals who work with them, put into our own words as questions.
"""

from __future__ import annotations

from surveys.builtin_translations import VERSIONS

CHILDRENS_FFT = {
    "key": "childrens_fft",
    "title": "Children's Friends and Family Test",
    "intro": "Tell us what it was like using our service. It takes about a minute.",
    "min_age": 5,
    "max_age": 25,
    "layout": "one_page",
    "questions": [
        {"kind": "fft", "code": "fft", "is_required": True,
         "text": "Overall, how was your time with our service?",
         "hint": "Think about all the times you have been in touch with us."},
        {"kind": "single", "code": "main_problem",
         "text": "What was the main thing that went wrong?",
         "option_lines": "I had to wait too long\nI didn't feel listened to\n"
                         "Things weren't explained to me\nIt was hard to get there or get in "
                         "touch\nSomething else",
         "show_if": ("fft", ["poor", "very_poor"])},
        {"kind": "long_text", "code": "what_good", "asks_about": "what_good",
         "text": "What was good?"},
        {"kind": "long_text", "code": "could_improve", "asks_about": "could_improve",
         "text": "What could we do better?"},
        {"kind": "about_age", "code": "about_age"},
    ],
}

VISIT_TODAY = {
    "key": "visit_today",
    "title": "How was your visit today?",
    "intro": "A few quick questions about today.",
    "min_age": 5,
    "max_age": 25,
    "layout": "one_page",
    "questions": [
        {"kind": "smiley", "code": "visit_today", "is_required": True,
         "text": "How was your visit today?"},
        {"kind": "yes_no", "code": "listened_to", "text": "Did you feel listened to?"},
        {"kind": "multiple", "code": "what_went_well", "text": "What was good about today?",
         "hint": "Tick all that apply.",
         "option_lines": "I was seen on time\nThe staff were friendly\nI understood what "
                         "was said\nI could ask questions\nThe place felt safe and welcoming"},
        {"kind": "short_text", "code": "anything_else", "asks_about": "nonspecific",
         "text": "Is there anything else you want to tell us?"},
        {"kind": "about_age", "code": "about_age"},
    ],
}

# Plymouth's ten wishes for professionals, as questions in our own words.
PROMISES_KEPT = {
    "key": "promises_kept",
    "title": "Were our promises kept?",
    "intro": "Young people told us ten things that matter when you work with a service. "
             "Tell us if we did them for you.",
    "min_age": 11,
    "max_age": 25,
    "layout": "one_page",
    "questions": [
        {"kind": "yes_no", "code": "could_reach_us",
         "text": "Could you get in touch with us when you needed to, by phone or online?"},
        {"kind": "yes_no", "code": "kept_appointments",
         "text": "Did we keep our appointments with you, or say sorry and change the time if "
                 "we couldn't?"},
        {"kind": "yes_no", "code": "knew_their_stuff",
         "text": "Did the people you saw seem to know what they were doing?"},
        {"kind": "yes_no", "code": "checked_understood",
         "text": "Did we check that you understood what we said?"},
        {"kind": "yes_no", "code": "listened_and_safe",
         "text": "Did we listen, tell you what we would do, and help keep you safe?"},
        {"kind": "yes_no", "code": "explained_words",
         "text": "Did we explain any words you didn't understand?"},
        {"kind": "yes_no", "code": "said_what_next",
         "text": "Did we tell you what would happen next and when, and tell you quickly if "
                 "it changed?"},
        {"kind": "yes_no", "code": "time_alone",
         "text": "If you wanted to, could you talk to us on your own?"},
        {"kind": "yes_no", "code": "asked_feel_safe",
         "text": "Did someone ask you if you feel safe?"},
        {"kind": "yes_no", "code": "respect_fair",
         "text": "Did we treat you with respect and fairly?"},
        {"kind": "long_text", "code": "keep_promises_better", "asks_about": "could_improve",
         "text": "What should we do better to keep these promises?"},
    ],
}

BUILTIN_TEMPLATES = [CHILDRENS_FFT, VISIT_TODAY, PROMISES_KEPT]

# ---- easy read ------------------------------------------------------------------------------------
# Each template's easy-read wording ("en-easy": docs/easy-read.md): short sentences, one idea a
# line (a new line in the introduction is shown as one), everyday words. Answer labels are keyed
# by the stored option value, so easy-read answers are counted with every other version's.
EASY_READ: dict[str, tuple[dict[str, str], dict[str, dict]]] = {
    "childrens_fft": (
        {"title": "Tell us about our service",
         "intro": "We want to know what it was like to use our service.\n"
                  "It takes about 1 minute."},
        {"fft": {"text": "How was our service?",
                 "hint": "Think about every time you came to us.",
                 "options": {"very_good": "Really good", "good": "Good", "neither": "OK",
                             "poor": "Not good", "very_poor": "Really bad",
                             "dont_know": "I do not know"}},
         "main_problem": {"text": "What went wrong most?",
                          "options": {"i_had_to_wait_too_long": "I waited too long",
                                      "i_didn_t_feel_listened_to": "Nobody listened to me",
                                      "things_weren_t_explained_to_me":
                                          "Nobody explained things to me",
                                      "it_was_hard_to_get_there_or_get_in_touch":
                                          "It was hard to get there or to contact you",
                                      "something_else": "Something else"}},
         "what_good": {"text": "What was good?"},
         "could_improve": {"text": "What can we do better?"},
         "about_age": {"text": "How old are you?"}},
    ),
    "visit_today": (
        {"title": "How was your visit today?",
         "intro": "We have a few questions about today.\nThey are quick."},
        {"visit_today": {"text": "How was your visit today?"},
         "listened_to": {"text": "Did we listen to you?",
                         "options": {"yes": "Yes", "no": "No", "not_sure": "I am not sure"}},
         "what_went_well": {"text": "What was good today?",
                            "hint": "You can tick more than 1.",
                            "options": {"i_was_seen_on_time": "I was seen on time",
                                        "the_staff_were_friendly": "The staff were kind",
                                        "i_understood_what_was_said":
                                            "I understood what they said",
                                        "i_could_ask_questions": "I could ask questions",
                                        "the_place_felt_safe_and_welcoming":
                                            "The place felt safe"}},
         "anything_else": {"text": "Do you want to tell us anything else?"},
         "about_age": {"text": "How old are you?"}},
    ),
    "promises_kept": (
        {"title": "Did we keep our promises?",
         "intro": "Young people told us 10 things that matter.\n"
                  "Did we do these things for you?"},
        {"could_reach_us": {"text": "Could you contact us when you needed to?",
                            "hint": "By phone or online."},
         "kept_appointments": {"text": "Did we come to our meetings with you?",
                               "hint": "If we had to change the time, did we say sorry?"},
         "knew_their_stuff": {"text": "Did the people you saw know what they were doing?"},
         "checked_understood": {"text": "Did we check that you understood us?"},
         "listened_and_safe": {"text": "Did we listen to you and help keep you safe?",
                               "hint": "Did we tell you what we would do?"},
         "explained_words": {"text": "Did we explain words you did not understand?"},
         "said_what_next": {"text": "Did we tell you what would happen next?",
                            "hint": "If it changed, did we tell you quickly?"},
         "time_alone": {"text": "Could you talk to us on your own if you wanted to?"},
         "asked_feel_safe": {"text": "Did someone ask if you feel safe?"},
         "respect_fair": {"text": "Did we treat you well and fairly?"},
         "keep_promises_better": {"text": "What can we do better to keep these promises?"}},
    ),
}


def _add_version(version: str, wording: dict[str, tuple[dict[str, str], dict[str, dict]]]
                 ) -> None:
    for template in BUILTIN_TEMPLATES:
        survey_words, question_words = wording[template["key"]]
        template.setdefault("translations", {})[version] = survey_words
        for question in template["questions"]:
            question.setdefault("translations", {})[version] = question_words[question["code"]]


_add_version("en-easy", EASY_READ)
# Welsh and Arabic (surveys/builtin_translations.py).
for _version, _wording in VERSIONS.items():
    _add_version(_version, _wording)
