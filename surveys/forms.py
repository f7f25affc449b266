"""Staff forms for the builder, links, filters and deleting a response (Flask-WTF, CSRF on)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from surveys.models import CHANNEL_LABELS, SURVEY_LAYOUT_LABELS
from surveys.questions import ASKS_ABOUT_LABELS, MAX_TEXT_LIMIT
from voice.words import DATE_ERROR, DATE_FORMATS


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes rather than a multi-select box (easier on phones and with screen readers)."""


def int_or_none(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # a tampered value: fails the choices check with a clear message


class DayField(DateField):
    """A date from the browser's picker (YYYY-MM-DD) or typed as its hint shows (31/03/2027),
    with a plain message (voice.words)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("format", list(DATE_FORMATS))
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            self.data = None
            raise ValueError(DATE_ERROR) from error


class SurveyForm(FlaskForm):
    title = StringField("Title", validators=[
        DataRequired("Enter a title"),
        Length(max=160, message="Title must be 160 characters or fewer")],
        description="Young people see this at the top of the survey. Keep it short and plain.")
    intro = TextAreaField("Short introduction", validators=[
        Optional(), Length(max=600, message="The introduction must be 600 characters or fewer")],
        description="One or two sentences an 11-year-old would understand: what it is about and "
                    "how long it takes.")
    min_age = IntegerField("Youngest age it is for", default=0, validators=[
        InputRequired("Enter the youngest age, from 0 to 25"),
        NumberRange(0, 25, "Enter an age from 0 to 25")])
    max_age = IntegerField("Oldest age it is for", default=25, validators=[
        InputRequired("Enter the oldest age, from 0 to 25"),
        NumberRange(0, 25, "Enter an age from 0 to 25")])
    service_ids = MultiCheckboxField("Services it is for", coerce=int, validators=[Optional()],
                                     description="Links and QR codes can be made for these.")
    layout = RadioField("How questions are shown",
                        choices=[(k.value, v) for k, v in SURVEY_LAYOUT_LABELS.items()],
                        default="one_page",
                        validators=[InputRequired("Choose how the questions are shown")])
    opens_on = DayField("Opens on", validators=[Optional()], format="%Y-%m-%d",
                         description="Optional. Leave empty to open as soon as you open it.")
    closes_on = DayField("Closes on", validators=[Optional()], format="%Y-%m-%d",
                          description="Optional. After this day young people see that it has "
                                      "closed.")
    closed_message = TextAreaField("What to tell young people after it closes", validators=[
        Optional(), Length(max=600, message="This must be 600 characters or fewer")],
        description="For example where the results are, or when you will share what you "
                    "changed.")

    def validate_max_age(self, field):
        if self.min_age.data is not None and field.data is not None and field.data < self.min_age.data:
            from wtforms.validators import ValidationError

            raise ValidationError("The oldest age must be the same as or older than the youngest")

    def validate_closes_on(self, field):
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            from wtforms.validators import ValidationError

            raise ValidationError("The closing date must be the same as or after the opening date")


class TemplateForm(FlaskForm):
    template_id = RadioField("Template", coerce=int,
                             validators=[InputRequired("Choose a template")])
    title = StringField("Title for your survey", validators=[
        Optional(), Length(max=160, message="Title must be 160 characters or fewer")],
        description="Optional. Leave empty to use the template's title.")


class QuestionForm(FlaskForm):
    text = StringField("Question", validators=[
        DataRequired("Enter the question"),
        Length(max=300, message="The question must be 300 characters or fewer")])
    hint = StringField("Hint", validators=[
        Optional(), Length(max=500, message="The hint must be 500 characters or fewer")],
        description="Optional help shown under the question.")
    is_required = BooleanField("Young people must answer this question")
    option_lines = TextAreaField("Answers to choose from", validators=[Optional()],
                                 description="One answer on each line.")
    option_labels = FieldList(StringField("Words"), min_entries=0)
    asks_about = RadioField("What does this question ask about?",
                            choices=[(k.value, v) for k, v in ASKS_ABOUT_LABELS.items()],
                            default="nonspecific", validators=[Optional()],
                            description="This helps read answers in context: “Nothing.” means "
                                        "something different after “What could be better?”")
    max_length = IntegerField("Most characters allowed", validators=[
        Optional(), NumberRange(1, MAX_TEXT_LIMIT,
                                f"Enter a number from 1 to {MAX_TEXT_LIMIT:,}")],
        description=f"Optional. Up to {MAX_TEXT_LIMIT:,}.")
    min_value = IntegerField("Smallest number allowed", validators=[Optional()])
    max_value = IntegerField("Biggest number allowed", validators=[Optional()])
    code = StringField("Column name in exports", validators=[
        Optional(), Length(max=40, message="Use 40 characters or fewer")],
        description="Lower-case letters, numbers and underscores. Keep it the same once "
                    "answers arrive, so exports line up.")
    show_if = MultiCheckboxField("Only show this question when…", validators=[Optional()],
                                 description="Leave all empty to always show it. Tick answers "
                                             "from one earlier question.")

    def condition(self) -> tuple[int | None, list[str]]:
        """(earlier question id, answers) from the ticked "qid:value" boxes."""
        chosen = self.show_if.data or []
        if not chosen:
            return None, []
        question_ids, values = set(), []
        for item in chosen:
            qid, _, value = item.partition(":")
            question_ids.add(qid)
            values.append(value)
        if len(question_ids) != 1:
            return -1, values
        try:
            return int(question_ids.pop()), values
        except ValueError:
            return -1, values


class LinkForm(FlaskForm):
    service_id = SelectField("Service", coerce=int_or_none,
                             validators=[InputRequired("Choose a service")])
    area_id = SelectField("Place", coerce=int_or_none,
                          validators=[InputRequired("Choose a place")],
                          description="Where young people will find it.")
    channel = RadioField("How it will be shared",
                         choices=[(k.value, v) for k, v in CHANNEL_LABELS.items()],
                         validators=[InputRequired("Choose how the link will be shared")])
    note = StringField("Note for your team", validators=[
        Optional(), Length(max=120, message="The note must be 120 characters or fewer")],
        description="Optional, for example “waiting room, Westbridge clinic”.")


class DeleteResponseForm(FlaskForm):
    reason = TextAreaField("Why are you deleting it?", validators=[
        DataRequired("Say why you are deleting this response"),
        Length(max=500, message="The reason must be 500 characters or fewer")],
        description="This goes in the audit log.")


class ConfirmForm(FlaskForm):
    confirm = BooleanField("Yes, I am sure",
                           validators=[DataRequired("Tick the box to confirm")])


class FilterForm(FlaskForm):
    """Results filters, sent with GET (no CSRF token: they change nothing)."""

    class Meta:
        csrf = False

    link = SelectField("Link", coerce=int_or_none, validators=[Optional()])
    service = SelectField("Service", coerce=int_or_none, validators=[Optional()])
    date_from = DayField("From", validators=[Optional()], format="%Y-%m-%d")
    date_to = DayField("To", validators=[Optional()], format="%Y-%m-%d")
