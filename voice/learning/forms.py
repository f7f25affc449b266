"""Forms for correcting the analysis and editing the theme rules (staff only, with CSRF).

Choices are checked by the services, which give the plain-words message shown beside the field;
the forms only collect what was sent.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from voice.analysis import THEMES
from voice.learning.corrections import MAX_NOTE, SENTIMENT_CHOICES
from voice.learning.rules import MAX_NOTE as MAX_RULE_NOTE


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes rather than a multi-select box (easier on phones and with screen readers)."""


def theme_label(key: str) -> str:
    theme = next((t for t in THEMES if t.key == key), None)
    if theme is None:
        return key.replace("_", " ").capitalize()
    return f"{theme.young_name} ({theme.commissioner_name})"


class CorrectionForm(FlaskForm):
    themes = MultiCheckboxField(
        "What is it about?", validators=[Optional()], validate_choice=False,
        description="Tick every theme that fits. Leave them all unticked if none does.")
    sentiment = RadioField(
        "How did the young person feel?", choices=list(SENTIMENT_CHOICES.items()),
        validate_choice=False,
        validators=[InputRequired("Choose whether what they said is positive, neutral or negative")])
    note = TextAreaField(
        "Note for the team", validators=[Optional(), Length(
            max=MAX_NOTE, message=f"The note must be {MAX_NOTE} characters or fewer")],
        description="For example, why the analysis was wrong.")

    def set_theme_choices(self, keys: list[str]) -> None:
        self.themes.choices = [(key, theme_label(key)) for key in keys]


class RuleForm(FlaskForm):
    patterns = TextAreaField(
        "Words and phrases that find this theme",
        validators=[InputRequired("Enter at least one word or phrase, one on each line")],
        description="One on each line. Capital letters do not matter. Put * at the end of a word "
                    "to find any ending: wait* finds wait, waited and waiting.")
    exclude = TextAreaField(
        "Words and phrases that do not count", validators=[Optional()],
        description="One on each line. For example, “waiting room” should not count as "
                    "waiting for an appointment.")
    note = StringField(
        "Why are you changing them?", validators=[Optional(), Length(
            max=MAX_RULE_NOTE, message=f"The note must be {MAX_RULE_NOTE} characters or fewer")],
        description="It is kept with this version of the rules, for the team to see later.")
    based_on = HiddenField()


class TryRulesForm(FlaskForm):
    """A GET form: trying words out changes nothing, so it needs no CSRF token."""

    class Meta:
        csrf = False

    text = TextAreaField("Try some words", validators=[Optional(), Length(
        max=2000, message="Try 2,000 characters or fewer")],
        description="See which themes the rules in use would find, and the sentiment.")
