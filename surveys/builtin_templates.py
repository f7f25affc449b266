"""The ready-made templates participation teams copy. Written in plain words for young people.

"Were our promises kept?" follows the ten wishes young people in Plymouth wrote for the
professionals who work with them, put into our own words as questions.
"""

from __future__ import annotations

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
