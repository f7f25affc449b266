"""Data factories for tests: small, explicit, with sensible defaults."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from voice.auth.models import User
from voice.auth.passwords import hash_password
from voice.auth.roles import Role
from voice.directory.models import Area, Organisation, Service

_counter = itertools.count(1)
# Hashing with Argon2 is deliberately slow; hash the shared test password once.
_PASSWORD_HASH: dict[str, str] = {}


class Factory:
    PASSWORD = "correct horse battery"

    def __init__(self, session: Session) -> None:
        self.session = session

    def _n(self) -> int:
        return next(_counter)

    def organisation(self, name: str | None = None, kind: str = "provider") -> Organisation:
        org = Organisation(name=name or f"Provider {self._n()}", kind=kind)
        self.session.add(org)
        self.session.flush()
        return org

    def area(self, name: str | None = None, kind: str = "place", parent: Area | None = None) -> Area:
        area = Area(name=name or f"Area {self._n()}", kind=kind, parent_id=parent.id if parent else None)
        self.session.add(area)
        self.session.flush()
        return area

    def service(self, name: str | None = None, provider: Organisation | None = None,
                areas: list[Area] | None = None, safeguarding_lead: User | None = None,
                **fields) -> Service:
        n = self._n()
        service = Service(
            name=name or f"Service {n}", slug=f"service-{n}",
            provider_id=(provider or self.organisation()).id,
            category=fields.pop("category", "Counselling"),
            safeguarding_lead_id=safeguarding_lead.id if safeguarding_lead else None,
            **fields,
        )
        service.areas = list(areas or [])
        self.session.add(service)
        self.session.flush()
        return service

    def user(self, role: Role | str = Role.PARTICIPATION, organisation: Organisation | None = None,
             username: str | None = None, **fields) -> User:
        role = Role(role)
        if role == Role.PROVIDER and organisation is None:
            organisation = self.organisation()
        if self.PASSWORD not in _PASSWORD_HASH:
            _PASSWORD_HASH[self.PASSWORD] = hash_password(self.PASSWORD)
        user = User(
            username=username or f"{role.value}-{self._n()}@example.org",
            display_name=fields.pop("display_name", f"{role.label} {self._n()}"),
            role=role.value,
            organisation_id=organisation.id if organisation else None,
            password_hash=_PASSWORD_HASH[self.PASSWORD],
            **fields,
        )
        self.session.add(user)
        self.session.flush()
        return user
