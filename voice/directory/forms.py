from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from voice.directory.models import (
    AREA_KIND_LABELS,
    COHORTS,
    ORGANISATION_KIND_LABELS,
    SERVICE_CATEGORIES,
)


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes rather than a multi-select box (easier on phones and with screen readers)."""


def _int_or_none(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # a tampered value: fails the choices check with a clear message


class AreaForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Enter the area's name"), Length(max=120, message="Name must be 120 characters or fewer")])
    kind = SelectField("Kind of area", choices=[(k.value, v) for k, v in AREA_KIND_LABELS.items()],
                       validators=[DataRequired("Choose the kind of area")])
    parent_id = SelectField("Inside which area", coerce=_int_or_none, validators=[Optional()],
                            description="Optional: boundaries do not always nest neatly.")


class OrganisationForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Enter the organisation's name"), Length(max=160, message="Name must be 160 characters or fewer")])
    kind = SelectField("Kind of organisation", choices=[(k.value, v) for k, v in ORGANISATION_KIND_LABELS.items()],
                       validators=[DataRequired("Choose the kind of organisation")])
    lead_contact_id = SelectField("Lead contact", coerce=_int_or_none, validators=[Optional()],
                                  description="Told when a promise this organisation owns is long overdue. "
                                              "Choose one of its own staff. If nobody is named, all of its staff are told.")


class ServiceForm(FlaskForm):
    name = StringField("Service name", validators=[DataRequired("Enter the service's name"), Length(max=160, message="Name must be 160 characters or fewer")])
    provider_id = SelectField("Provided by", coerce=_int_or_none,
                              validators=[InputRequired("Choose the organisation that provides this service")])
    category = SelectField("Category", choices=[(c, c) for c in SERVICE_CATEGORIES],
                           validators=[DataRequired("Choose a category")])
    description = TextAreaField("What the service does", validators=[Optional(), Length(max=2000, message="Description must be 2,000 characters or fewer")],
                                description="In plain words a young person would understand.")
    contact = TextAreaField("How young people can contact it", validators=[Optional(), Length(max=500, message="Contact details must be 500 characters or fewer")],
                            description="Shown on the public help page, for example a phone number and opening hours.")
    min_age = IntegerField("Youngest age served", validators=[InputRequired("Enter the youngest age served, from 0 to 25"), NumberRange(0, 25, "Enter an age from 0 to 25")])
    max_age = IntegerField("Oldest age served", validators=[InputRequired("Enter the oldest age served, from 0 to 25"), NumberRange(0, 25, "Enter an age from 0 to 25")])
    cohorts = MultiCheckboxField("Groups of young people it focuses on", choices=list(COHORTS.items()), validators=[Optional()])
    area_ids = MultiCheckboxField("Areas it serves", coerce=int, validators=[Optional()])
    safeguarding_lead_id = SelectField("Safeguarding lead", coerce=_int_or_none,
                                       validators=[DataRequired("Choose a safeguarding lead")],
                                       description="Free text that may be a safeguarding disclosure goes straight to this person. "
                                                   "Choose someone who works for the organisation that provides the service, "
                                                   "or for the commissioning team.")
    commissioner_id = SelectField("Commissioner", coerce=_int_or_none, validators=[Optional()],
                                  description="Told when a promise about this service is long overdue. "
                                              "If nobody is named, every commissioner is told.")

    def validate_max_age(self, field):
        if self.min_age.data is not None and field.data is not None and field.data < self.min_age.data:
            from wtforms.validators import ValidationError

            raise ValidationError("Oldest age must be the same as or older than the youngest age")
