"""Forms for the loop. Public forms (cards, /check) carry no session CSRF token: they use a
signed one-time form token instead, so young people get no cookie."""

from __future__ import annotations

from flask_babel import lazy_gettext
from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from voice.ages import AGE_CHOICES, NOT_GIVEN_LABEL
from voice.directory.forms import MultiCheckboxField
from voice.loop.cards import MAX_PLACE, MAX_SESSION_LABEL, MAX_WHAT, MAX_WHY
from voice.loop.commitments import (
    MAX_COMMENT,
    MAX_NOTE,
    MAX_REASON,
    MAX_WE_DID,
    MAX_WE_WILL,
    MAX_YOU_SAID,
)
from voice.loop.models import (
    COMMITMENT_STATUS_LABELS,
)
from voice.loop.moderation import MAX_PUBLIC_TEXT, OUTCOME_CHOICES
from voice.loop.moderation import MAX_REASON as MAX_MODERATION_REASON
from voice.words import DATE_FORMATS, DATE_HINT


def int_or_none(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # a tampered value: fails the choices check with a clear message


# Public words are lazy (``_`` is ``lazy_gettext``): translated when the page is drawn.
KIND_CHOICES = [
    ("stop", _("Stop: they should stop doing something")),
    ("start", _("Start: they should start doing something new")),
    ("change", _("Change: they should do something differently")),
]


class PublicForm(Form):
    """No session CSRF: the young person's form is protected by its signed form token."""


class CardForm(PublicForm):
    kind = RadioField(_("Should they stop, start or change something?"), choices=KIND_CHOICES,
                      validators=[InputRequired()])
    what = TextAreaField(_("What should they stop, start or change?"),
                         validators=[DataRequired()],
                         description=_("Use your own words. Up to %(limit)s characters. Please "
                                       "don't write your name or anyone else's.",
                                       limit=f"{MAX_WHAT:,}"))
    why = TextAreaField(_("Why does it matter to you?"), validators=[Optional()],
                        description=_("Up to %(limit)s characters.", limit=f"{MAX_WHY:,}"))
    # The same question, bands and words as a survey's "About you: age" (voice.ages).
    age_band = RadioField(_("How old are you?"),
                          choices=[(v, lazy_gettext(w)) for v, w in AGE_CHOICES],
                          validators=[Optional()], validate_choice=False,
                          description=_("You don't have to tell us."))
    # Left empty by people; bots fill every box.
    contact_website = StringField(_("Leave this box empty"))
    form_token = HiddenField()


class CheckForm(PublicForm):
    code = StringField(_("Your follow-up code"), validators=[DataRequired()],
                       description=_("It looks like KX7-M42-PQ9. Capital or small letters both "
                                     "work."))


class ApproveForm(FlaskForm):
    public_text = TextAreaField(
        "Public wording", validators=[DataRequired("Enter the wording to publish"),
                                      Length(max=MAX_PUBLIC_TEXT)],
        description="What may be shown beyond the participation team. Take out names, phone "
                    "numbers, emails, addresses and anything else that could show who wrote it.")
    keep_reason = TextAreaField(
        "Why may the name stay?", validators=[Optional(), Length(max=MAX_MODERATION_REASON)],
        description="Only for a name or school our check is unsure of, for example a staff "
                    "member's first name the young person wanted thanked. Phone numbers, "
                    "emails, postcodes and addresses can never stay. Your reason is kept in "
                    "the audit log.")


class HideForm(FlaskForm):
    reason = TextAreaField("Why are you hiding it?", validators=[
        DataRequired("Say why you are hiding it"), Length(max=MAX_MODERATION_REASON)],
        description="For example: not about the service, abusive, or a test.")


class DuplicateForm(FlaskForm):
    of_item_id = RadioField("Which item does it say the same as?", coerce=int_or_none,
                            validators=[InputRequired("Choose the item it repeats")])


class EscalateForm(FlaskForm):
    note = TextAreaField("What worries you?", validators=[
        DataRequired("Say what worries you, so the safeguarding lead can act quickly"),
        Length(max=MAX_MODERATION_REASON)],
        description="The safeguarding lead sees this with the young person's own words.")


class SafeguardingReviewForm(FlaskForm):
    outcome = RadioField("What happened?", choices=[(c.value, c.label) for c in OUTCOME_CHOICES],
                         validators=[InputRequired("Choose what happened")])
    note = TextAreaField("Your note", validators=[
        DataRequired("Write a short note of what you did or decided"),
        Length(max=MAX_MODERATION_REASON)],
        description="Kept with the item. Do not copy case details here: record them in your "
                    "safeguarding system.")


class CommitmentForm(FlaskForm):
    service_id = SelectField("Service", coerce=int_or_none,
                             validators=[InputRequired("Choose the service this is about")])
    you_said = TextAreaField(
        "You said", validators=[DataRequired("Enter what young people said"),
                                Length(max=MAX_YOU_SAID)],
        description="A short summary in young people's own words, for example \"The waiting room "
                    "is boring and there's nothing for teenagers\".")
    we_will = TextAreaField(
        "We will", validators=[DataRequired("Enter what will be done"), Length(max=MAX_WE_WILL)],
        description="What the service will do, in plain words a young person would understand.")
    owner_organisation_id = SelectField(
        "Owner organisation", coerce=int_or_none,
        validators=[InputRequired("Choose the organisation that owns this commitment")])
    owner_user_id = SelectField("Owner (person)", coerce=int_or_none, validators=[Optional()],
                                description="Must work for the owner organisation. They are told "
                                            "if it turns red.")
    due_date = DateField("Done by", validators=[InputRequired("Enter the date it will be done by")],
                         description=DATE_HINT, format=list(DATE_FORMATS))
    is_public = BooleanField("Show it on the public \"you said, we did\" board now")


class ProgressForm(FlaskForm):
    status = RadioField("Status", choices=[(k.value, v) for k, v in COMMITMENT_STATUS_LABELS.items()],
                        validators=[InputRequired("Choose a status")])
    we_did = TextAreaField("We did", validators=[Optional(), Length(max=MAX_WE_DID)],
                           description="Needed when it is done: what changed, in words young "
                                       "people will understand.")
    cant_do_reason = TextAreaField(
        "We can't, because", validators=[Optional(), Length(max=MAX_REASON)],
        description="Needed when you can't do it: a reason young people can understand. "
                    "Without one it shows red.")
    note = TextAreaField("Note for staff", validators=[Optional(), Length(max=MAX_NOTE)],
                         description="Kept in the history. Not shown to young people.")


class CommentForm(FlaskForm):
    body = TextAreaField("Add a comment", validators=[
        DataRequired("Write a comment"), Length(max=MAX_COMMENT)],
        description="Seen by staff who can see this commitment. Not shown to young people.")


class AssureForm(FlaskForm):
    """A youth group session that checked a done commitment. (Young inspectors assure through
    their follow-up inspection, never through this form.)"""
    group = StringField("Name of the group", validators=[
        DataRequired("Enter the name of the young people's group"), Length(max=160)],
        description="For example \"Northdale Youth Council\".")
    session_on = DateField("Date of the session", validators=[
        InputRequired(f"Enter the date of the session. {DATE_HINT}")], format=list(DATE_FORMATS))
    young_people = IntegerField("How many young people took part?", validators=[
        InputRequired("Enter how many young people took part, as a number"),
        NumberRange(min=1, max=1000, message="Enter a number from 1 to 1,000")])
    note = TextAreaField("What did they say?", validators=[
        DataRequired("Write what the young people said"), Length(max=MAX_NOTE)],
        description="In their words where you can. It is shown beside the commitment.")


class ReopenForm(FlaskForm):
    note = TextAreaField("Why is it being re-opened?", validators=[
        DataRequired("Say why it is being re-opened"), Length(max=MAX_NOTE)],
        description="For example, what the young people found when they checked.")
    due_date = DateField("New due date", validators=[Optional()])


class LinkItemsForm(FlaskForm):
    voice_item_ids = MultiCheckboxField("What young people said", coerce=int,
                                        validators=[Optional()])


class CardLinkForm(FlaskForm):
    service_id = SelectField("Service", coerce=int_or_none,
                             validators=[InputRequired("Choose a service")])
    place = StringField("Where will the code be?", validators=[
        DataRequired("Say where the code will be"), Length(max=MAX_PLACE)],
        description="For example \"Waiting room, Hillside clinic\" or \"Youth club cards\".")
    area_id = SelectField("Area", coerce=int_or_none, validators=[Optional()])


class PaperCardForm(Form):
    kind = SelectField("Stop, start or change", choices=[("", "Choose")] + [
        (k, k.capitalize()) for k, _label in KIND_CHOICES], validate_choice=False)
    what = TextAreaField("What", validators=[Optional()])
    why = TextAreaField("Why", validators=[Optional()])
    age_band = SelectField("Age", choices=[("", NOT_GIVEN_LABEL), *AGE_CHOICES],
                           validate_choice=False)


class PaperBatchForm(FlaskForm):
    service_id = SelectField("Service", coerce=int_or_none,
                             validators=[InputRequired("Choose the service these cards are about")])
    session_label = StringField("Session", validators=[Optional(), Length(max=MAX_SESSION_LABEL)],
                                description="For example \"Youth council, 12 November\".")
    session_date = DateField("Date of the session", validators=[Optional()])
    cards = FieldList(FormField(PaperCardForm), min_entries=6, max_entries=30)
    batch_token = HiddenField()


class ReplyForm(FlaskForm):
    """A public answer to one young person's card, without a commitment (issue 13)."""
    kind = RadioField("What kind of answer is it?", choices=[
        ("heard", "We heard you"), ("happening", "This is already happening"),
        ("cant", "Why we can't do this"), ("promise", "This is part of a promise")],
        validators=[InputRequired("Choose what kind of answer this is")])
    body = TextAreaField("Your answer", validators=[
        DataRequired("Write the answer the young person will read"), Length(max=1200)],
        description="The young person reads this when they check their card, and it is shown "
                    "on the public board if their words are published. Plain, kind words; no "
                    "names.")
    commitment_id = SelectField("Which promise?", coerce=int_or_none, validators=[Optional()],
                                description="Only for \"This is part of a promise\".")
