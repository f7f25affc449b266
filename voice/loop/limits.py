"""Rate limits for the public card and ``/check`` pages, counted in Flask-Limiter's storage.

The views check the limits themselves (rather than with ``@limiter.limit``) so that, when a
limit is hit, the page can say "wait and try again" while keeping what the young person typed.
Keys are the salted, daily-rotating client hash (:func:`voice.privacy.anonymous_client_key`):
no IP address is stored.
"""

from __future__ import annotations

from voice.ratelimits import Limit

# Wrong follow-up codes from one address: a person mistyping is fine, a guesser gets nowhere.
# With 30^9 codes, 300 guesses a day from one place would take millions of years to find a
# given card. Per address (behind the proxy, the visitor's), so one guesser never stops
# anyone else checking their card.
CHECK_FAILURES_PER_CLIENT = "10 per minute;60 per hour;300 per day"
# Every lookup of one code, from anywhere: a code passed round cannot be hammered, and it says
# nothing about whether the code exists (made-up codes count the same way).
CHECK_LOOKUPS_PER_CODE = "20 per hour;60 per day"
# Cards: only a guard against floods. A whole school assembly shares one address.
CARD_SUBMISSIONS_PER_CLIENT = "120 per minute;2000 per hour"


CHECK_FAILURES = (Limit("check-failures", CHECK_FAILURES_PER_CLIENT),)
CHECK_PER_CODE = Limit("check-code", CHECK_LOOKUPS_PER_CODE, per_client=False)
CARD_SUBMISSIONS = (Limit("card-submissions", CARD_SUBMISSIONS_PER_CLIENT),)


def any_exceeded(limits: tuple[Limit, ...]) -> bool:
    return any(limit.exceeded() for limit in limits)


def count_all(limits: tuple[Limit, ...]) -> None:
    for limit in limits:
        limit.count()

# Deleting with a survey receipt or a follow-up code ("Delete my answers", "Delete my card"):
# limited like /check. Wrong receipts or codes per address, and every try at one receipt or code.
DELETE_FAILURES = (Limit("delete-failures", CHECK_FAILURES_PER_CLIENT),)
DELETE_PER_CODE = Limit("delete-code", CHECK_LOOKUPS_PER_CODE, per_client=False)
