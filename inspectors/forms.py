"""Forms for the inspectors pages. Messages say what to do, in plain words."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from inspectors.models import (
    AGE_BAND_LABELS,
    HOURS_ACTIVITIES,
    METHOD_LABELS,
    NAME_PREFERENCE_LABELS,
    RATING_MEANINGS,
    RESPONSE_LABELS,
    REWARD_LABELS,
    AssuranceOutcome,
    HighlightKind,
)
from voice.words import DATE_ERROR, parse_day

RATING_CHOICES = [(r.value, label) for r, label in RATING_MEANINGS.items()]


class ChoiceField(RadioField):
    """Radios whose "not one of the options" message says what the options are."""

    def __init__(self, *args, invalid: str = "Choose one of the options", **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid = invalid

    def pre_validate(self, form):
        if self.data in (None, ""):
            return
        if not any(str(value) == str(self.data) for value, *_ in self.iter_choices()):
            raise ValidationError(self.invalid)


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes rather than a multi-select box (easier on phones and with screen readers)."""


class LocalDateField(DateField):
    """A date field whose error says what to type (browsers without a date picker show text)."""

    def __init__(self, label=None, validators=None, message=DATE_ERROR,
                 **kwargs):
        super().__init__(label, validators, format="%Y-%m-%d", **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = parse_day(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(self.message) from None


def int_or_none(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # a tampered value fails the choices check with a clear message


# ---- frameworks ---------------------------------------------------------------------------------

class FrameworkForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Enter the framework's name"),
                                           Length(max=160, message="Name must be 160 characters or fewer")])
    description = TextAreaField(
        "What it is for", validators=[Optional(), Length(max=2000, message="Keep this to 2,000 characters or fewer")],
        description="Which services it suits, and where the standards came from.")


class StandardForm(FlaskForm):
    code = StringField("Code", validators=[DataRequired("Enter a short code, like W1"),
                                           Length(max=12, message="Codes are 12 characters or fewer")],
                       description="A short label used in reports, like W1 or 2.3.")
    title = StringField("Short title", validators=[DataRequired("Enter a short title"),
                                                   Length(max=160, message="Keep the title to 160 characters or fewer")])
    wording = TextAreaField(
        "Wording for young people",
        validators=[DataRequired("Enter what the standard means, in young people's words"),
                    Length(max=1000, message="Keep the wording to 1,000 characters or fewer")],
        description="What good looks like, written the way a young person would say it: \u201cYou...\u201d or \u201cI...\u201d.")
    prompts = TextAreaField(
        "Prompts for inspectors",
        validators=[Optional(), Length(max=3000, message="Keep the prompts to 3,000 characters or fewer")],
        description="What to look for and questions to ask. Put each prompt on its own line.")


# ---- young inspectors ---------------------------------------------------------------------------

class InspectorForm(FlaskForm):
    display_name = StringField(
        "Name", validators=[DataRequired("Enter their name"),
                            Length(max=120, message="Name must be 120 characters or fewer")],
        description="How the participation team knows them. A first name and an initial is enough.")
    username = StringField(
        "Username", validators=[
            DataRequired("Enter a username"),
            Length(min=3, max=60, message="Username must be between 3 and 60 characters"),
            Regexp(r"^[A-Za-z0-9._-]+$", message="Username can only use letters, numbers, dots, dashes and underscores")],
        description="They sign in with this. No email address is needed. For example: sky.yi")
    password = PasswordField(
        "Passphrase", validators=[DataRequired("Enter a passphrase"), Length(max=200)],
        description="At least 10 characters. Three or four random words are easy to remember, like \u201cpurple tiger runs fast\u201d. Give it to them in person.")
    age_band = ChoiceField("Age", choices=[(k.value, v) for k, v in AGE_BAND_LABELS.items()],
                          validators=[InputRequired("Choose their age band")],
                          description="We only keep an age band. Under 16s need a parent's or carer's consent too.")
    consent_on = LocalDateField("Date they gave consent", validators=[Optional()],
                                description="Leave empty until you have it. They cannot join a team without it.")
    parent_consent_on = LocalDateField("Date a parent or carer gave consent (under 16 only)",
                                       validators=[Optional()])
    name_preference = ChoiceField(
        "How their name is shown to services", choices=[(k.value, v) for k, v in NAME_PREFERENCE_LABELS.items()],
        default="team", validators=[InputRequired("Choose how their name is shown")],
        description="They can change this themselves later. The participation team always sees their name.")
    reward = ChoiceField("How their time is rewarded", choices=[(k.value, v) for k, v in REWARD_LABELS.items()],
                        default="voucher", validators=[InputRequired("Choose how their time is rewarded")])


class EditInspectorForm(InspectorForm):
    username = None
    password = None
    is_active = BooleanField("Account is switched on",
                             description="Switch it off when they stop being a young inspector.")


class PassphraseForm(FlaskForm):
    password = PasswordField(
        "New passphrase", validators=[DataRequired("Enter a new passphrase"), Length(max=200)],
        description="At least 10 characters. Give it to them in person. Their other sessions end.")


class TrainingForm(FlaskForm):
    course = StringField("Training", validators=[DataRequired("Enter the name of the training"),
                                                 Length(max=120, message="Keep this to 120 characters or fewer")],
                         description="For example: young inspector training, safeguarding awareness, mystery shopping.")
    completed_on = LocalDateField("Date finished", validators=[InputRequired("Enter the date they finished it")])


class HoursForm(FlaskForm):
    worked_on = LocalDateField("Date", validators=[InputRequired("Enter the date of the work")])
    hours = StringField("Hours", validators=[DataRequired("Enter the hours, like 2 or 2.5 or 2:30"),
                                             Length(max=20, message="Enter the hours, like 2 or 2.5 or 2:30")],
                        description="For example 2, 2.5 or 2:30.")
    activity = SelectField("What they did", choices=list(HOURS_ACTIVITIES.items()),
                           validators=[DataRequired("Choose what they did")])
    inspection_id = SelectField("Inspection", coerce=int_or_none, validators=[Optional()])
    note = StringField("Note", validators=[Optional(), Length(max=200, message="Keep the note to 200 characters or fewer")])


class NamePreferenceForm(FlaskForm):
    name_preference = ChoiceField(
        "How should services see your name?", choices=[(k.value, v) for k, v in NAME_PREFERENCE_LABELS.items()],
        validators=[InputRequired("Choose one")],
        description="Services read the reports. The participation team always knows who you are.")


class HoursFilterForm(FlaskForm):
    class Meta:
        csrf = False

    start = LocalDateField("From", validators=[Optional()])
    end = LocalDateField("To", validators=[Optional()])


# ---- settings -----------------------------------------------------------------------------------

class SettingsForm(FlaskForm):
    follow_up_months = IntegerField(
        "Months until the follow-up inspection", validators=[InputRequired("Enter a number of months"),
                                                              NumberRange(1, 36, "Enter between 1 and 36 months")])
    response_working_days = IntegerField(
        "Working days a service has to respond", validators=[InputRequired("Enter a number of working days"),
                                                             NumberRange(1, 120, "Enter between 1 and 120 working days")],
        description="Weekends and bank holidays in England do not count.")
    certificate_min_green_percent = IntegerField(
        "Certificate: least share of standards rated green (%)",
        validators=[InputRequired("Enter a percentage"), NumberRange(0, 100, "Enter a percentage from 0 to 100")])
    certificate_max_red = IntegerField(
        "Certificate: most standards that may be rated red",
        validators=[InputRequired("Enter a number"), NumberRange(0, 50, "Enter a number from 0 to 50")])


# ---- inspections --------------------------------------------------------------------------------

class PlanForm(FlaskForm):
    service_id = SelectField("Service", coerce=int_or_none, validators=[InputRequired("Choose the service to inspect")])
    framework_id = SelectField("Framework", coerce=int_or_none, validators=[InputRequired("Choose a framework")],
                               description="Only the newest version of each framework is offered.")
    method = ChoiceField("How the service will be inspected", choices=[(k.value, v) for k, v in METHOD_LABELS.items()],
                        validators=[InputRequired("Choose how the service will be inspected")],
                        description="For a mystery shop the service is told the window, not the day.")
    visit_from = LocalDateField("First day", validators=[InputRequired("Enter the first day of the visit or mystery shop")])
    visit_to = LocalDateField("Last day", validators=[Optional()],
                              description="Leave empty for a single day.")
    self_assessment_due = LocalDateField("The service assesses itself by", validators=[Optional()],
                                         description="On or before the first day.")
    team_ids = MultiCheckboxField("Team", coerce=int, validators=[Optional()],
                                  description="Only young inspectors who are trained and have consent can join.")
    lead_id = SelectField("Lead inspector", coerce=int_or_none, validators=[Optional()],
                          description="Agrees the team's ratings with the participation officer.")
    officer_id = SelectField("Participation officer", coerce=int_or_none, validators=[Optional()])
    brief = TextAreaField("Notes for the team", validators=[Optional(), Length(max=3000, message="Keep the notes to 3,000 characters or fewer")],
                          description="Where to go, who to ask for, what to try.")


class ScoreForm(FlaskForm):
    rating = ChoiceField("Your rating", choices=RATING_CHOICES, validators=[Optional()],
                         invalid="A rating must be red, amber or green")
    not_checked = BooleanField("We could not check this (for example, the waiting room on a phone "
                               "mystery shop)")
    evidence = TextAreaField(
        "What we saw, heard and felt", validators=[Optional(), Length(max=5000, message="Keep this to 5,000 characters or fewer")])


class RecommendationForm(FlaskForm):
    text = TextAreaField("Recommendation", validators=[DataRequired("Write the recommendation"),
                                                      Length(max=500, message="Keep each recommendation to 500 characters or fewer")],
                         description="What should the service do? Start with a verb, like \u201cPut the phone number on the front of the website\u201d.")
    standard_id = SelectField("Which standard is it about?", coerce=int_or_none, validators=[Optional()])


class HighlightForm(FlaskForm):
    kind = ChoiceField("What is it?", choices=[(HighlightKind.STRENGTH.value, "Something the service does well"),
                                              (HighlightKind.QUOTE.value, "A quote: something we saw, heard or felt")],
                      default=HighlightKind.STRENGTH.value, validators=[InputRequired("Choose a strength or a quote")])
    text = TextAreaField("Words", validators=[DataRequired("Write the strength or quote"),
                                              Length(max=1000, message="Keep this to 1,000 characters or fewer")],
                         description="Do not write anyone's name.")


class ShareForm(FlaskForm):
    working_days = IntegerField("Working days the service has to respond",
                                validators=[InputRequired("Enter a number of working days"),
                                            NumberRange(1, 120, "Enter between 1 and 120 working days")])


class RespondForm(FlaskForm):
    response = ChoiceField("Your response", choices=[(k.value, v) for k, v in RESPONSE_LABELS.items()],
                          validators=[InputRequired("Choose whether you will do this")])
    text = TextAreaField("What you will do, or why you cannot",
                         validators=[DataRequired("Say what you will do, or why you cannot"),
                                     Length(max=1000, message="Keep this to 1,000 characters or fewer")],
                         description="Young people will read this. Use plain words.")
    by_date = LocalDateField("Done by", validators=[Optional()],
                             description="When it will be done. Leave empty if you cannot do it.")


class PublishForm(FlaskForm):
    summary = TextAreaField(
        "Summary for young people", validators=[DataRequired("Write a short summary for young people"),
                                                Length(max=2000, message="Keep the summary to 2,000 characters or fewer")],
        description="Shown on the service's public page with the team's ratings, strengths and recommendations. Short sentences, plain words.")


class AssuranceForm(FlaskForm):
    outcome = ChoiceField("Did it really happen?",
                         choices=[(AssuranceOutcome.ASSURED.value, "Yes: we checked and it happened"),
                                  (AssuranceOutcome.REOPENED.value, "No, or not properly: re-open it")],
                         validators=[InputRequired("Choose whether it really happened")])
    note = TextAreaField("What the young inspectors found", validators=[DataRequired("Say what the young inspectors found"),
                                                                        Length(max=1000, message="Keep this to 1,000 characters or fewer")])


class FollowUpForm(FlaskForm):
    visit_from = LocalDateField("Follow-up visit from", validators=[InputRequired("Enter the date of the follow-up")])


