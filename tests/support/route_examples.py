"""Example values for URL variables, so the permission test can call every route in the app.

Each entry maps a URL variable name (as written in the route, e.g. ``service_id``) to a
function ``make(factory, ctx) -> value``. ``ctx`` is a dict shared while one test builds its
examples. It already holds:

- ``ctx["users"]``: one signed-in-able user per role value ("admin", "provider",
  "young_inspector", …). The provider user belongs to ``ctx["provider_org"]``.
- ``ctx["service"]``: a service provided by ``ctx["provider_org"]``, whose safeguarding lead is
  ``ctx["users"]["safeguarding_lead"]``.

Make examples that every role *allowed* on the route may really use (for instance an
inspection on which ``ctx["users"]["young_inspector"]`` is a team member, for the provider's
service), so that "allowed" means a real 200 and not a 404. Cache what you create in ``ctx`` so
related variables share objects. A route whose variable has no entry here fails the test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Maker = Callable[[Any, dict], Any]

EXAMPLES: dict[str, Maker] = {}


def example(name: str) -> Callable[[Maker], Maker]:
    def decorator(fn: Maker) -> Maker:
        EXAMPLES[name] = fn
        return fn

    return decorator


def _cached(ctx: dict, key: str, make: Callable[[], Any]) -> Any:
    if key not in ctx:
        ctx[key] = make()
    return ctx[key]


@example("service_id")
def _service_id(factory, ctx):
    return ctx["service"].id


@example("area_id")
def _area_id(factory, ctx):
    return _cached(ctx, "area", lambda: factory.area()).id


@example("organisation_id")
def _organisation_id(factory, ctx):
    return ctx["provider_org"].id


@example("user_id")
def _user_id(factory, ctx):
    return _cached(ctx, "other_user", lambda: factory.user("commissioner")).id


@example("filename")
def _filename(factory, ctx):
    return "voice.css"


# Feature packages register their own examples in modules named tests/support/routes_<package>.py;
# they are imported here so one import gives the whole table.
def load_all() -> dict[str, Maker]:
    import importlib
    import pkgutil

    import tests.support as support

    for module in pkgutil.iter_modules(support.__path__):
        if module.name.startswith("routes_"):
            importlib.import_module(f"tests.support.{module.name}")
    return EXAMPLES
