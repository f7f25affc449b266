"""Staff forms for summaries (the filters are a plain GET form in the template)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from voice.summaries.population import MAX_PEOPLE, population_fields


class SelectionForm(FlaskForm):
    """Carries the dashboard's filters (as a query string) into a POST."""

    selection = HiddenField()


class SnapshotForm(SelectionForm):
    pass


class SubscribeForm(SelectionForm):
    name = StringField("What to call this digest",
                       validators=[DataRequired("Enter a name for this digest"),
                                   Length(max=200, message="Use 200 characters or fewer")],
                       description="For example \u201cCAMHS in Northdale Central\u201d.")


class HoldForm(SelectionForm):
    reason = TextAreaField("Why are you holding this quote back?",
                           validators=[Optional(), Length(max=1000, message="Use 1,000 "
                                                          "characters or fewer")],
                           description="For example \u201cMentions the only wheelchair user at "
                                       "this club\u201d. Only staff see this.")


class CheckboxesField(SelectMultipleField):
    """Checkboxes (the form macros render them as a fieldset)."""


EXPIRY_CHOICES = [("90", "In 90 days"), ("365", "In a year"), ("", "Never (until revoked)")]


class TokenForm(FlaskForm):
    name = StringField("What the token is for",
                       validators=[DataRequired("Enter what the token is for"),
                                   Length(max=120, message="Use 120 characters or fewer")],
                       description="For example \u201cPower BI: children's quality report\u201d.")
    area_ids = CheckboxesField("Areas it may read", coerce=int,
                               validators=[DataRequired("Choose at least one area")],
                               description="It reads summaries for these areas and the areas "
                                           "inside them, nothing else.")
    expires = SelectField("When it stops working", choices=EXPIRY_CHOICES, default="365",
                          validators=[Optional()])


def population_form_class():
    """A form with one number box per group (built from the dimensions summaries report)."""

    class PopulationForm(FlaskForm):
        source = StringField("Where the figures come from",
                             validators=[Optional(), Length(max=160, message="Use 160 "
                                                            "characters or fewer")],
                             description="For example \u201cCaseload on 31 March 2026\u201d.")
        as_of = StringField("Date the figures are for", validators=[Optional()],
                            description="For example 31/3/2026.")

    for dimension, _, category, label in population_fields():
        setattr(PopulationForm, f"{dimension}__{category}", IntegerField(
            label, validators=[Optional(), NumberRange(0, MAX_PEOPLE,
                                                       "Enter a whole number of people, 0 or "
                                                       "more")]))
    return PopulationForm
