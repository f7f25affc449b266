from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from voice.auth.roles import ROLE_LABELS


class LoginForm(FlaskForm):
    username = StringField(
        "Username or email", validators=[DataRequired("Enter your username or email"), Length(max=254)]
    )
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password"), Length(max=200)]
    )


def role_choices():
    return [(role.value, label) for role, label in ROLE_LABELS.items()]


class UserForm(FlaskForm):
    display_name = StringField(
        "Name", validators=[DataRequired("Enter the person's name"), Length(max=120, message="Name must be 120 characters or fewer")]
    )
    username = StringField(
        "Username",
        description="Used to sign in. Staff usually use their work email. Letters, numbers, dots, dashes, @ and underscores only.",
        validators=[
            DataRequired("Enter a username"),
            Length(min=3, max=120, message="Username must be between 3 and 120 characters"),
            Regexp(r"^[A-Za-z0-9._@+-]+$", message="Username can only use letters, numbers, dots, dashes, @ and underscores"),
        ],
    )
    email = StringField(
        "Email", validators=[Optional(), Email("Enter an email address like name@example.org"), Length(max=254)]
    )
    role = SelectField("Role", choices=role_choices, validators=[DataRequired("Choose a role")])
    organisation_id = SelectField(
        "Organisation", coerce=str, description="Required for provider users: they only see this organisation's services.",
        validators=[Optional()],
    )
    password = PasswordField(
        "Password", description="At least 10 characters.",
        validators=[DataRequired("Enter a password"), Length(max=200)],
    )


class EditUserForm(UserForm):
    password = None
    username = None
    is_active = BooleanField("Account is active")


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        "New password", description="At least 10 characters. Give it to the person safely, and ask them to change it.",
        validators=[DataRequired("Enter a new password"), Length(max=200)],
    )


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired("Enter your current password"), Length(max=200)])
    password = PasswordField(
        "New password", description="At least 10 characters.",
        validators=[DataRequired("Enter a new password"), Length(max=200)],
    )
