"""The ready-made templates in Welsh and Arabic (issue 15, point 2; surveys/content.py).

Keyed by template key, then (the survey's words, each question's words by code). Answer labels
are keyed by the stored option value, so answers in every language are counted together. Voice's
own fixed words (the faces, the Friends and Family Test answers, yes / no / not sure, the age
question and its bands) are not repeated here: they come from the page's catalog
(voice/translations). Written by the development team, not checked by a professional translator
(see docs/translating.md).
"""

from __future__ import annotations

WELSH: dict[str, tuple[dict[str, str], dict[str, dict]]] = {
    "childrens_fft": (
        {"title": "Prawf Ffrindiau a Theulu i Blant",
         "intro": "Dywedwch wrthym sut brofiad oedd defnyddio ein gwasanaeth. Mae’n cymryd "
                  "tua munud."},
        {"fft": {"text": "At ei gilydd, sut oedd eich amser gyda’n gwasanaeth?",
                 "hint": "Meddyliwch am bob tro rydych chi wedi cysylltu â ni."},
         "main_problem": {"text": "Beth oedd y prif beth aeth o’i le?",
                          "options": {"i_had_to_wait_too_long": "Roedd rhaid i mi aros yn rhy hir",
                                      "i_didn_t_feel_listened_to":
                                          "Doeddwn i ddim yn teimlo bod neb yn gwrando arna i",
                                      "things_weren_t_explained_to_me":
                                          "Wnaeth neb esbonio pethau i mi",
                                      "it_was_hard_to_get_there_or_get_in_touch":
                                          "Roedd hi’n anodd cyrraedd neu gysylltu",
                                      "something_else": "Rhywbeth arall"}},
         "what_good": {"text": "Beth oedd yn dda?"},
         "could_improve": {"text": "Beth allen ni ei wneud yn well?"},
         "about_age": {}},
    ),
    "visit_today": (
        {"title": "Sut oedd eich ymweliad heddiw?",
         "intro": "Ychydig o gwestiynau cyflym am heddiw."},
        {"visit_today": {"text": "Sut oedd eich ymweliad heddiw?"},
         "listened_to": {"text": "Oeddech chi’n teimlo bod rhywun yn gwrando arnoch chi?"},
         "what_went_well": {"text": "Beth oedd yn dda am heddiw?",
                            "hint": "Ticiwch bob un sy’n wir.",
                            "options": {"i_was_seen_on_time": "Ces i fy ngweld ar amser",
                                        "the_staff_were_friendly": "Roedd y staff yn gyfeillgar",
                                        "i_understood_what_was_said":
                                            "Roeddwn i’n deall beth gafodd ei ddweud",
                                        "i_could_ask_questions":
                                            "Roeddwn i’n gallu gofyn cwestiynau",
                                        "the_place_felt_safe_and_welcoming":
                                            "Roedd y lle’n teimlo’n ddiogel ac yn groesawgar"}},
         "anything_else": {"text": "Oes unrhyw beth arall rydych chi eisiau ei ddweud wrthym?"},
         "about_age": {}},
    ),
    "promises_kept": (
        {"title": "Wnaethon ni gadw ein haddewidion?",
         "intro": "Dywedodd pobl ifanc wrthym am ddeg peth sy’n bwysig pan fyddwch chi’n "
                  "defnyddio gwasanaeth. Dywedwch wrthym a wnaethon ni nhw i chi."},
        {"could_reach_us": {"text": "Oeddech chi’n gallu cysylltu â ni pan oedd angen, dros y "
                                    "ffôn neu ar-lein?"},
         "kept_appointments": {"text": "Wnaethon ni gadw ein hapwyntiadau gyda chi, neu "
                                       "ymddiheuro a newid yr amser os nad oedden ni’n gallu?"},
         "knew_their_stuff": {"text": "Oedd y bobl welsoch chi’n ymddangos fel eu bod nhw’n "
                                      "gwybod beth roedden nhw’n ei wneud?"},
         "checked_understood": {"text": "Wnaethon ni wirio eich bod chi’n deall beth ddywedon "
                                        "ni?"},
         "listened_and_safe": {"text": "Wnaethon ni wrando, dweud wrthych chi beth fydden ni’n "
                                       "ei wneud, a helpu i’ch cadw chi’n ddiogel?"},
         "explained_words": {"text": "Wnaethon ni esbonio unrhyw eiriau nad oeddech chi’n eu "
                                     "deall?"},
         "said_what_next": {"text": "Wnaethon ni ddweud wrthych chi beth fyddai’n digwydd nesaf "
                                    "a phryd, a dweud wrthych chi’n gyflym os oedd yn newid?"},
         "time_alone": {"text": "Pe baech chi eisiau, oeddech chi’n gallu siarad â ni ar eich "
                                "pen eich hun?"},
         "asked_feel_safe": {"text": "Wnaeth rhywun ofyn i chi a ydych chi’n teimlo’n ddiogel?"},
         "respect_fair": {"text": "Wnaethon ni eich trin chi gyda pharch ac yn deg?"},
         "keep_promises_better": {"text": "Beth ddylen ni ei wneud yn well i gadw’r addewidion "
                                          "hyn?"}},
    ),
}

ARABIC: dict[str, tuple[dict[str, str], dict[str, dict]]] = {
    "childrens_fft": (
        {"title": "اختبار الأصدقاء والعائلة للأطفال",
         "intro": "أخبرنا كيف كانت تجربتك مع خدمتنا. يستغرق ذلك دقيقة تقريبًا."},
        {"fft": {"text": "بشكل عام، كيف كان وقتك مع خدمتنا؟",
                 "hint": "فكّر في كل المرات التي تواصلت فيها معنا."},
         "main_problem": {"text": "ما أهم شيء حدث بشكل خاطئ؟",
                          "options": {"i_had_to_wait_too_long": "انتظرت وقتًا طويلًا جدًا",
                                      "i_didn_t_feel_listened_to":
                                          "لم أشعر بأن أحدًا يستمع إليّ",
                                      "things_weren_t_explained_to_me":
                                          "لم يشرح لي أحد الأمور",
                                      "it_was_hard_to_get_there_or_get_in_touch":
                                          "كان من الصعب الوصول إليكم أو التواصل معكم",
                                      "something_else": "شيء آخر"}},
         "what_good": {"text": "ما الذي كان جيدًا؟"},
         "could_improve": {"text": "ما الذي يمكننا فعله بشكل أفضل؟"},
         "about_age": {}},
    ),
    "visit_today": (
        {"title": "كيف كانت زيارتك اليوم؟",
         "intro": "بعض الأسئلة السريعة عن اليوم."},
        {"visit_today": {"text": "كيف كانت زيارتك اليوم؟"},
         "listened_to": {"text": "هل شعرت بأن أحدًا استمع إليك؟"},
         "what_went_well": {"text": "ما الذي كان جيدًا اليوم؟",
                            "hint": "اختر كل ما ينطبق.",
                            "options": {"i_was_seen_on_time": "تمت رؤيتي في الموعد",
                                        "the_staff_were_friendly": "كان الموظفون لطفاء",
                                        "i_understood_what_was_said": "فهمت ما قيل لي",
                                        "i_could_ask_questions": "استطعت أن أطرح أسئلة",
                                        "the_place_felt_safe_and_welcoming":
                                            "شعرت بأن المكان آمن ومرحِّب"}},
         "anything_else": {"text": "هل هناك أي شيء آخر تريد أن تخبرنا به؟"},
         "about_age": {}},
    ),
    "promises_kept": (
        {"title": "هل وفينا بوعودنا؟",
         "intro": "أخبرنا الشباب بعشرة أشياء مهمة عندما تتعامل مع خدمة ما. أخبرنا هل فعلناها "
                  "من أجلك."},
        {"could_reach_us": {"text": "هل استطعت التواصل معنا عندما احتجت إلى ذلك، عبر الهاتف "
                                    "أو الإنترنت؟"},
         "kept_appointments": {"text": "هل التزمنا بمواعيدنا معك، أو اعتذرنا وغيّرنا الموعد "
                                       "إذا لم نستطع؟"},
         "knew_their_stuff": {"text": "هل بدا أن الأشخاص الذين قابلتهم يعرفون ما يفعلونه؟"},
         "checked_understood": {"text": "هل تأكدنا من أنك فهمت ما قلناه؟"},
         "listened_and_safe": {"text": "هل استمعنا إليك، وأخبرناك بما سنفعله، وساعدناك لتبقى "
                                       "آمنًا؟"},
         "explained_words": {"text": "هل شرحنا لك الكلمات التي لم تفهمها؟"},
         "said_what_next": {"text": "هل أخبرناك بما سيحدث بعد ذلك ومتى، وأخبرناك بسرعة إذا "
                                    "تغيّر شيء؟"},
         "time_alone": {"text": "إذا أردت، هل كان بإمكانك التحدث معنا على انفراد؟"},
         "asked_feel_safe": {"text": "هل سألك أحد إن كنت تشعر بالأمان؟"},
         "respect_fair": {"text": "هل عاملناك باحترام وبعدل؟"},
         "keep_promises_better": {"text": "ما الذي يجب أن نفعله بشكل أفضل للوفاء بهذه "
                                          "الوعود؟"}},
    ),
}

VERSIONS = {"cy": WELSH, "ar": ARABIC}
