"""The live analysis engine: the database's current theme rules plus its live model.

:func:`live_engine` is what every new voice item is analysed with. Building an engine means
compiling the rules and unpacking the model from its database blob, so it is done once per
process per version and cached. To notice a change made by another process (someone saved the
rules in another web worker, the scheduler retrained), the cache checks two tiny indexed queries
at most every ``ANALYSIS_ENGINE_CHECK_SECONDS`` (10 by default; 0 in tests; see
:mod:`voice.learning.settings`); a change made in this process is seen at once.

Models are stored as a zip of :meth:`voice.analysis.TrainedModel.save`'s directory
(:func:`pack_model` / :func:`unpack_model`), so web workers and the scheduler all load the same
bytes; no shared disk is needed.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import tempfile
import threading
import time
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.analysis import (
    DEFAULT_RULES,
    Analysis,
    Engine,
    ModelFormatError,
    RuleError,
    ThemeRules,
    TrainedModel,
)
from voice.learning.models import AnalysisModel, ThemeRuleSet

log = logging.getLogger(__name__)

# The files TrainedModel.save writes; nothing else is ever read from a stored zip.
MODEL_FILES = ("model.json", "vocabulary.json", "weights.npz")
MAX_MODEL_BYTES = 512 * 1024 * 1024  # unzipped; a model trained on corrections is far smaller


# ---- rules ------------------------------------------------------------------------------------

def rules_fingerprint(rules: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(rules, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def current_rule_set(session: Session) -> ThemeRuleSet | None:
    """The newest saved rule set, or None while the built-in rules are in use."""
    return session.scalar(select(ThemeRuleSet).order_by(ThemeRuleSet.version.desc()).limit(1))


def rules_of(rule_set: ThemeRuleSet | None) -> ThemeRules:
    """The engine's rules from a saved rule set (the built-in rules for None)."""
    if rule_set is None:
        return ThemeRules(DEFAULT_RULES)
    return ThemeRules.from_list(rule_set.rules)


def current_rules(session: Session) -> ThemeRules:
    return rules_of(current_rule_set(session))


# ---- model files in the database ----------------------------------------------------------------

def pack_model(model: TrainedModel) -> tuple[bytes, str]:
    """Save ``model`` and zip its directory. Returns the zip and the model's version
    (its fingerprint, set by saving)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="voice-model-") as tmp:
        model.save(tmp)
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in MODEL_FILES:
                path = Path(tmp) / name
                if path.exists():
                    archive.write(path, arcname=name)
    return buffer.getvalue(), model.version


def unpack_model(blob: bytes) -> TrainedModel:
    """The model in a zip made by :func:`pack_model`. Raises ModelFormatError if it is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            missing = [name for name in MODEL_FILES if name not in infos]
            if missing:
                raise ModelFormatError(f"stored model is missing {', '.join(missing)}")
            if sum(infos[name].file_size for name in MODEL_FILES) > MAX_MODEL_BYTES:
                raise ModelFormatError("stored model is too large to load")
            with tempfile.TemporaryDirectory(prefix="voice-model-") as tmp:
                for name in MODEL_FILES:  # fixed names only: nothing can escape the folder
                    (Path(tmp) / name).write_bytes(archive.read(name))
                return TrainedModel.load(tmp)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        if isinstance(exc, ModelFormatError):
            raise
        raise ModelFormatError(f"stored model cannot be read ({exc})") from exc


def builtin_model() -> TrainedModel | None:
    """The model shipped inside the package (None if it could not be loaded)."""
    return Engine.default().model


# ---- the cache ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class LiveKey:
    """What identifies the live engine in the database."""

    rule_set_id: int | None
    rules_fingerprint: str | None
    model_id: int | None
    model_version: str | None


@dataclass
class _Live:
    key: LiveKey | None = None
    engine: Engine | None = None
    checked_at: float = float("-inf")
    models: OrderedDict[tuple[int, str], TrainedModel | None] = field(default_factory=OrderedDict)


_lock = threading.Lock()
_cache: dict[str, _Live] = {}


def live_key(session: Session) -> LiveKey:
    """Two small indexed queries: the newest rule set and the live model."""
    rules = session.execute(select(ThemeRuleSet.id, ThemeRuleSet.fingerprint)
                            .order_by(ThemeRuleSet.version.desc()).limit(1)).first()
    model = session.execute(select(AnalysisModel.id, AnalysisModel.version)
                            .where(AnalysisModel.is_live.is_(True)).limit(1)).first()
    return LiveKey(rules[0] if rules else None, rules[1] if rules else None,
                   model[0] if model else None, model[1] if model else None)


def _database_of(session: Session) -> str:
    bind = session.get_bind()
    return str(getattr(bind, "engine", bind).url)


def _check_seconds() -> float:
    from voice.learning.settings import setting

    return setting("ANALYSIS_ENGINE_CHECK_SECONDS")


def live_engine(session: Session, *, max_age: float | None = None) -> Engine:
    """The engine new voice items are analysed with: the database's rules and live model.

    Cached per process (and per database); rebuilt only when the rules or the live model change.
    ``max_age`` (seconds) bounds how stale the cached answer may be; by default
    ``ANALYSIS_ENGINE_CHECK_SECONDS`` from the app's settings.
    """
    max_age = _check_seconds() if max_age is None else max_age
    database = _database_of(session)
    with _lock:
        live = _cache.setdefault(database, _Live())
        now = time.monotonic()
        if live.engine is not None and now - live.checked_at < max_age:
            return live.engine
        key = live_key(session)
        if live.engine is None or key != live.key:
            live.engine = _build(session, key, live)
            live.key = key
        live.checked_at = now
        return live.engine


def _build(session: Session, key: LiveKey, live: _Live) -> Engine:
    rules = Engine.default().rules  # the built-in rules, already compiled
    if key.rule_set_id is not None:
        rule_set = session.get(ThemeRuleSet, key.rule_set_id)
        try:
            rules = rules_of(rule_set)
        except RuleError:  # saved rules are validated first; this is belt and braces
            log.exception("Theme rule set %s cannot be used; using the built-in rules", key.rule_set_id)
    model = builtin_model()
    if key.model_id is not None:
        model_key = (key.model_id, key.model_version or "")
        if model_key not in live.models:
            live.models[model_key] = _load_model(session, key.model_id)
            while len(live.models) > 2:  # the live one and the one before it is plenty
                live.models.popitem(last=False)
        model = live.models[model_key] or model
    return Engine(rules=rules, model=model)


def _load_model(session: Session, model_id: int) -> TrainedModel | None:
    blob = session.scalar(select(AnalysisModel.files).where(AnalysisModel.id == model_id))
    if not blob:
        log.error("Live model %s has no files; using the built-in model", model_id)
        return None
    try:
        return unpack_model(blob)
    except ModelFormatError:
        log.exception("Live model %s cannot be loaded; using the built-in model", model_id)
        return None


def invalidate_live_engine() -> None:
    """Make the next :func:`live_engine` call check the database (after a change here)."""
    with _lock:
        for live in _cache.values():
            live.checked_at = float("-inf")


def reset_live_engine() -> None:
    """Forget every cached engine (tests)."""
    with _lock:
        _cache.clear()


def analyse_new_text(session: Session, text: str, question_kind: str | None = None) -> Analysis:
    """Analyse a new voice item's words with the live engine (what ``record_voice_item`` uses)."""
    return live_engine(session).analyse(text, question_kind)


def engine_for_rules(session: Session, rules: ThemeRules) -> Engine:
    """The live model with other rules (to try rules out before saving them)."""
    return Engine(rules=rules, model=live_engine(session).model)
