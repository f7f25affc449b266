"""Editing the theme rules: the words and phrases that tag a comment with a theme.

Every save makes a new numbered version of the whole rule set (nothing is overwritten), is
audited, and changes the live engine at once in this process and within seconds in the others.
Items already analysed are re-analysed with the new rules by the scheduler, in batches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from voice.analysis import DEFAULT_RULES, THEMES, RuleError, ThemeRule, ThemeRules, theme_by_key
from voice.analysis.taxonomy import Theme
from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS
from voice.errors import NotAllowed, NotFound, VoiceError
from voice.learning.engine import (
    current_rule_set,
    invalidate_live_engine,
    live_engine,
    rules_fingerprint,
    rules_of,
)
from voice.learning.models import ThemeRuleSet

MAX_PATTERNS = 400
MAX_PATTERN_LENGTH = 80
MAX_NOTE = 500


class RulesInvalid(VoiceError):
    """One or more fields are wrong. ``errors`` maps a field name to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors


class RulesConflict(VoiceError):
    """Someone else changed the same theme while this person was editing it."""


@dataclass(frozen=True)
class ThemeRuleView:
    """One theme as the rules page shows it."""

    theme: Theme
    patterns: tuple[str, ...]
    exclude: tuple[str, ...]
    is_builtin: bool  # the same words as the built-in rules


def _builtin(theme_key: str) -> list[ThemeRule]:
    return [r for r in DEFAULT_RULES if r.theme == theme_key]


def _merged(rules: Iterable[ThemeRule]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    patterns: list[str] = []
    exclude: list[str] = []
    for rule in rules:
        patterns.extend(p for p in rule.patterns if p not in patterns)
        exclude.extend(p for p in rule.exclude if p not in exclude)
    return tuple(patterns), tuple(exclude)


def theme_rules(rules: ThemeRules, theme_key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A theme's words and its "does not count" words (several rules for a theme are merged)."""
    return _merged(r for r in rules.rules if r.theme == theme_key)


def rule_views(rules: ThemeRules) -> list[ThemeRuleView]:
    """Every taxonomy theme with its current words, in taxonomy order."""
    views = []
    for theme in THEMES:
        patterns, exclude = theme_rules(rules, theme.key)
        views.append(ThemeRuleView(theme, patterns, exclude,
                                   (patterns, exclude) == _merged(_builtin(theme.key))))
    return views


def editable_theme(theme_key: str) -> Theme:
    theme = theme_by_key(theme_key)
    if theme is None:
        raise NotFound("There is no theme with that name")
    return theme


def parse_lines(text: str | None) -> list[str]:
    """One word or phrase per line (commas also separate), blanks and repeats dropped."""
    found: list[str] = []
    for line in (text or "").replace(",", "\n").splitlines():
        cleaned = " ".join(line.strip().lower().replace("\u2019", "'").split())
        if cleaned and cleaned not in found:
            found.append(cleaned)
    return found


def _check_patterns(theme_key: str, patterns: list[str], *, required: bool) -> str | None:
    """The first problem with a list of patterns, in plain words (None if they are fine)."""
    if required and not patterns:
        return ("Enter at least one word or phrase, one on each line. Without any, the rules "
                "will never find this theme")
    if len(patterns) > MAX_PATTERNS:
        return f"Enter {MAX_PATTERNS} words or phrases or fewer (there are {len(patterns)})"
    for pattern in patterns:
        if len(pattern) > MAX_PATTERN_LENGTH:
            return (f"“{pattern[:30]}…” is too long: keep each word or phrase to "
                    f"{MAX_PATTERN_LENGTH} characters or fewer")
        try:
            ThemeRule(theme_key, (pattern,))
        except RuleError:
            return (f"“{pattern}” cannot be used. Use only letters, numbers, spaces, apostrophes "
                    "and hyphens, with * only at the end of a word (wait* finds wait, waited "
                    "and waiting)")
    return None


def save_theme_rules(session: Session, actor: User | None, theme_key: str, *,
                     patterns: str | list[str], exclude: str | list[str] = "",
                     note: str | None = None, based_on: int | None = None) -> ThemeRuleSet | None:
    """Save a theme's words as a new version of the rule set. Returns the new version, or None
    if nothing changed.

    ``patterns`` and ``exclude`` are one word or phrase per line (or lists). ``based_on`` is the
    rule set version the person started editing from: if someone else has changed this theme
    since, :class:`RulesConflict` is raised rather than losing their change.
    """
    if actor is not None and actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can change the theme rules")
    theme = editable_theme(theme_key)
    wanted = parse_lines(patterns) if isinstance(patterns, str) else parse_lines("\n".join(patterns))
    unwanted = parse_lines(exclude) if isinstance(exclude, str) else parse_lines("\n".join(exclude))
    note = (note or "").strip() or None
    errors: dict[str, str] = {}
    if problem := _check_patterns(theme.key, wanted, required=True):
        errors["patterns"] = problem
    if problem := _check_patterns(theme.key, unwanted, required=False):
        errors["exclude"] = problem
    if note and len(note) > MAX_NOTE:
        errors["note"] = f"The note must be {MAX_NOTE} characters or fewer"
    if errors:
        raise RulesInvalid(errors)

    current = current_rule_set(session)
    current_rules = rules_of(current)
    current_version = current.version if current is not None else 0
    if based_on is not None and based_on != current_version:
        started_from = _rules_at(session, based_on)
        if started_from is not None and theme_rules(started_from, theme.key) != theme_rules(
                current_rules, theme.key):
            raise RulesConflict(
                f"Someone else changed the words for “{theme.young_name}” while you were editing "
                "them. Their version is shown below: check it, make your change again and save.")
    new_rule = ThemeRule(theme.key, tuple(wanted), tuple(unwanted))
    if theme_rules(current_rules, theme.key) == (new_rule.patterns, new_rule.exclude):
        return None
    rules = [r for r in current_rules.rules if r.theme != theme.key]
    # Keep taxonomy order, with the edited theme where it was.
    position = next((i for i, r in enumerate(current_rules.rules) if r.theme == theme.key),
                    len(rules))
    rules.insert(min(position, len(rules)), new_rule)
    old_patterns, old_exclude = theme_rules(current_rules, theme.key)
    rule_set = _save(session, actor, ThemeRules(rules), changed=[theme.key], note=note,
                     after=current_version)
    record(session, actor, "analysis.rules_changed", target=rule_set, theme=theme.key,
           version=rule_set.version,
           added=[p for p in new_rule.patterns if p not in old_patterns],
           removed=[p for p in old_patterns if p not in new_rule.patterns],
           exclude_added=[p for p in new_rule.exclude if p not in old_exclude],
           exclude_removed=[p for p in old_exclude if p not in new_rule.exclude])
    return rule_set


def restore_rule_set(session: Session, actor: User | None, version: int) -> ThemeRuleSet | None:
    """Make an earlier version (0: the built-in rules) the live one again, as a new version."""
    if actor is not None and actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can change the theme rules")
    old = _rules_at(session, version)
    if old is None:
        raise NotFound("There is no version of the rules with that number")
    current = current_rule_set(session)
    current_rules = rules_of(current)
    if old == current_rules:
        return None
    changed = [t.key for t in THEMES if theme_rules(old, t.key) != theme_rules(current_rules, t.key)]
    label = "the built-in rules" if version == 0 else f"version {version}"
    rule_set = _save(session, actor, old, changed=changed, note=f"Went back to {label}",
                     after=current.version if current else 0)
    record(session, actor, "analysis.rules_restored", target=rule_set, restored=version,
           version=rule_set.version, themes=changed)
    return rule_set


def _rules_at(session: Session, version: int) -> ThemeRules | None:
    if version == 0:
        return ThemeRules(DEFAULT_RULES)
    rule_set = session.scalar(select(ThemeRuleSet).where(ThemeRuleSet.version == version))
    return rules_of(rule_set) if rule_set is not None else None


def _save(session: Session, actor: User | None, rules: ThemeRules, *, changed: list[str],
          note: str | None, after: int) -> ThemeRuleSet:
    data = rules.to_list()
    rule_set = ThemeRuleSet(version=after + 1, rules=data, fingerprint=rules_fingerprint(data),
                            changed_themes=changed, note=note,
                            created_by_id=actor.id if actor is not None else None)
    try:
        with session.begin_nested():
            session.add(rule_set)
            session.flush()
    except IntegrityError:
        raise RulesConflict("Someone else saved the rules at the same moment. Reload the page, "
                            "check their change and save yours again.") from None
    invalidate_live_engine()
    return rule_set


def rule_set_history(session: Session, *, limit: int = 50) -> list[ThemeRuleSet]:
    return list(session.scalars(select(ThemeRuleSet).order_by(ThemeRuleSet.version.desc())
                                .limit(limit)))


def rule_set_count(session: Session) -> int:
    return session.scalar(select(func.count(ThemeRuleSet.id))) or 0


def valid_theme_keys(session: Session) -> list[str]:
    """Themes a person may choose: the taxonomy, then any other theme the rules name."""
    keys = [t.key for t in THEMES]
    keys.extend(t for t in live_engine(session).rules.themes if t not in keys)
    return keys
