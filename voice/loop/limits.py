"""Rate limits for the public card and ``/check`` pages, counted in Flask-Limiter's storage.

The views check the limits themselves (rather than with ``@limiter.limit``) so that, when a
limit is hit, the page can say "wait and try again" while keeping what the young person typed.
Keys are the salted, daily-rotating client hash (:func:`voice.privacy.anonymous_client_key`):
no IP address is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from limits import RateLimitItem, parse_many

from voice.extensions import limiter
from voice.privacy import anonymous_client_key

# Wrong follow-up codes: a person mistyping is fine, a guesser gets nowhere. With 30^9 codes,
# 300 guesses a day from one place would take millions of years to find a given card.
CHECK_FAILURES_PER_CLIENT = "10 per minute;60 per hour;300 per day"
# Across everyone, so that many machines together cannot guess much faster.
CHECK_FAILURES_GLOBAL = "3000 per hour"
# Cards: only a guard against floods. A whole school assembly shares one address.
CARD_SUBMISSIONS_PER_CLIENT = "120 per minute;2000 per hour"


@dataclass(frozen=True)
class Limit:
    scope: str
    spec: str
    per_client: bool = True

    @property
    def items(self) -> list[RateLimitItem]:
        return parse_many(self.spec)

    def _identifiers(self) -> tuple[str, ...]:
        return ("voice", self.scope, anonymous_client_key() if self.per_client else "everyone")

    def exceeded(self) -> bool:
        """True if another try now would be over the limit (nothing is counted)."""
        if not limiter.enabled:
            return False
        strategy = limiter.limiter
        return any(not strategy.test(item, *self._identifiers()) for item in self.items)

    def count(self) -> None:
        if not limiter.enabled:
            return
        strategy = limiter.limiter
        for item in self.items:
            strategy.hit(item, *self._identifiers())


CHECK_FAILURES = (Limit("check-failures", CHECK_FAILURES_PER_CLIENT),
                  Limit("check-failures-all", CHECK_FAILURES_GLOBAL, per_client=False))
CARD_SUBMISSIONS = (Limit("card-submissions", CARD_SUBMISSIONS_PER_CLIENT),)


def any_exceeded(limits: tuple[Limit, ...]) -> bool:
    return any(limit.exceeded() for limit in limits)


def count_all(limits: tuple[Limit, ...]) -> None:
    for limit in limits:
        limit.count()
