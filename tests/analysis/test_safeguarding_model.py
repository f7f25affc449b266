"""The learned second check for safeguarding: shipped, used, optional, and rebuilt exactly."""

from __future__ import annotations

import csv
import json
import logging
import pathlib
import shutil
from itertools import islice
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from voice.analysis import Engine, safeguarding_check
from voice.analysis import safeguarding as sg
from voice.analysis import safeguarding_model as sm
from voice.analysis.safeguarding_model import (
    LEARNED_REASON,
    SafeguardingModel,
    SafeguardingModelError,
    builtin_safeguarding_dir,
    builtin_safeguarding_model,
    model_words,
)
from voice.analysis.safeguarding_training import DEVELOPMENT_FILES, main
from voice.analysis.text import normalise, tokens

NHS = Path("/work/shared/data/nhs_fft_phase1.csv")
# No rule matches this (the docs give it as a miss of the rules); its wording is a
# disclosure's.
ONLY_THE_MODEL_FINDS = "every time my dad loses his temper I end up covered in marks"
A_RULE_FINDS = "my stepdad hits me when he's drunk"
FILES = ("model.json", "vocabulary.json", "weights.npz")


@pytest.fixture
def model_dir(monkeypatch, tmp_path):
    """Point the built-in model at a folder of the test's choosing; reload it after."""

    def use(path: Path) -> None:
        monkeypatch.setattr(sm, "builtin_safeguarding_dir", lambda: path)
        builtin_safeguarding_model.cache_clear()

    yield use
    builtin_safeguarding_model.cache_clear()


def test_the_shipped_model_loads_and_is_used():
    model = builtin_safeguarding_model()
    assert model is not None
    assert f"+sg-{model.version}" in Engine.default().version
    meta = model.metadata
    assert meta["threshold_choice"]["limits_met"]
    assert meta["threshold_choice"]["chosen"]["threshold"] == model.threshold
    assert meta["threshold_choice"]["chosen"]["precision"] >= 0.9
    assert meta["threshold_choice"]["chosen"]["nhs_share_flagged"] <= 0.009
    assert {row["threshold"] for row in meta["cross_validation"]} >= {model.threshold}
    assert meta["training_data"]["development_files"] == list(DEVELOPMENT_FILES)
    assert meta["command"] == "make model"


def test_a_flag_only_the_model_gives_says_so():
    assert sg.rule_reasons(normalise(ONLY_THE_MODEL_FINDS)) == ()
    assert safeguarding_check(ONLY_THE_MODEL_FINDS) == (True, (LEARNED_REASON,))
    engine = Engine.default()
    single = engine.analyse(ONLY_THE_MODEL_FINDS)
    batch = engine.analyse_many([ONLY_THE_MODEL_FINDS, "the staff were kind"])
    assert single.safeguarding and single.safeguarding_reasons == (LEARNED_REASON,)
    assert batch[0].safeguarding_reasons == (LEARNED_REASON,)
    assert not batch[1].safeguarding
    assert LEARNED_REASON in sg.SAFEGUARDING_CATEGORIES


def test_the_rules_reasons_stand_when_both_fire():
    assert safeguarding_check(A_RULE_FINDS) == (True, ("abuse",))


@pytest.mark.parametrize(
    "text",
    ["I feel safe here", "the staff keep us safe", "I feel safe at home", "I never felt unsafe"],
)
def test_the_language_of_safety_is_not_flagged(text):
    assert safeguarding_check(text) == (False, ())


def test_a_phrase_the_rules_treat_as_ordinary_is_left_to_the_rules(monkeypatch):
    class FlagsEverything:
        def flags(self, toks):
            return True

        def flags_many(self, token_lists):
            return np.ones(len(token_lists), dtype=bool)

    monkeypatch.setattr(sg, "builtin_safeguarding_model", FlagsEverything)
    assert safeguarding_check("we had a session about bullying") == (False, ())
    assert safeguarding_check("we went bowling") == (True, (LEARNED_REASON,))
    texts = ["we had a session about bullying", "we went bowling", ""]
    checks = sg.safeguarding_check_many([normalise(t) for t in texts])
    assert checks == [(False, ()), (True, (LEARNED_REASON,)), (False, ())]


def test_one_comment_scores_as_in_a_batch():
    model = builtin_safeguarding_model()
    texts = [
        ONLY_THE_MODEL_FINDS,
        "really really really good, good staff",
        "i don't feel safe at home. but school is ok",
        "wen hes had a drink he shouts",
        "!!!",
        "zzzqx",
    ]
    if NHS.exists():
        with NHS.open(encoding="utf-8", newline="") as handle:
            texts += [row["feedback"] for row in islice(csv.DictReader(handle), 300)]
    token_lists = [sg.learned_check_input(normalise(t))[1] for t in texts]
    one = np.array([model.score(t) for t in token_lists])
    assert np.allclose(one, model.scores(token_lists), rtol=0, atol=1e-9)
    assert list(model.flags_many(token_lists)) == [model.flags(t) for t in token_lists]


def test_words_a_negation_governs_are_marked():
    assert model_words(tokens("i feel safe at home")) == ["i", "feel", "safe", "at", "home"]
    assert model_words(tokens("i don't feel safe at home, but ok")) == [
        "i",
        "don't",
        "not_feel",
        "not_safe",
        "not_at",
        "not_home",
        ",",
        "but",
        "ok",
    ]


def test_missing_model_files_leave_the_rules_working(model_dir, tmp_path, caplog):
    model_dir(tmp_path / "absent")
    with caplog.at_level(logging.ERROR, logger="voice.analysis.safeguarding_model"):
        assert safeguarding_check(A_RULE_FINDS) == (True, ("abuse",))
        assert safeguarding_check(ONLY_THE_MODEL_FINDS) == (False, ())
    assert "learned safeguarding check not loaded" in caplog.text
    engine = Engine()
    assert "+sg-" not in engine.version
    results = engine.analyse_many([A_RULE_FINDS, ONLY_THE_MODEL_FINDS])
    assert [r.safeguarding for r in results] == [True, False]


@pytest.mark.parametrize("damage", ["weights", "metadata", "vocabulary", "threshold"])
def test_unreadable_model_files_leave_the_rules_working(model_dir, tmp_path, caplog, damage):
    copy = tmp_path / "model"
    shutil.copytree(builtin_safeguarding_dir(), copy)
    if damage == "weights":
        (copy / "weights.npz").write_bytes(b"not a zip file")
    elif damage == "metadata":
        (copy / "model.json").write_text("{", encoding="utf-8")
    elif damage == "vocabulary":
        (copy / "vocabulary.json").write_text('{"words": []}', encoding="utf-8")
    else:
        meta = json.loads((copy / "model.json").read_text(encoding="utf-8"))
        meta["threshold"] = 1.5
        (copy / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(SafeguardingModelError):
        SafeguardingModel.load(copy)
    model_dir(copy)
    with caplog.at_level(logging.ERROR, logger="voice.analysis.safeguarding_model"):
        assert safeguarding_check(A_RULE_FINDS) == (True, ("abuse",))
        assert Engine.default().analyse(ONLY_THE_MODEL_FINDS) is not None
    assert "learned safeguarding check not loaded" in caplog.text


def test_saving_gives_the_same_bytes_and_version(tmp_path):
    model = builtin_safeguarding_model()
    model.save(tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (builtin_safeguarding_dir() / name).read_bytes()
    assert SafeguardingModel.load(tmp_path).version == model.version


def _close(shipped, rebuilt, where="model.json") -> None:
    """The same metadata, numbers equal to a few parts in a million."""
    if isinstance(shipped, dict):
        assert shipped.keys() == rebuilt.keys(), where
        for key in shipped:
            _close(shipped[key], rebuilt[key], f"{where}/{key}")
    elif isinstance(shipped, list):
        assert len(shipped) == len(rebuilt), where
        for n, (a, b) in enumerate(zip(shipped, rebuilt, strict=True)):
            _close(a, b, f"{where}[{n}]")
    elif isinstance(shipped, float) or isinstance(rebuilt, float):
        assert rebuilt == pytest.approx(shipped, rel=1e-6, abs=1e-9), where
    else:
        assert shipped == rebuilt, where


def _every_labelled_text() -> list[str]:
    texts = []
    for path in sorted((Path(__file__).resolve().parent.parent / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    return texts


@pytest.mark.skipif(not NHS.exists(), reason="needs the NHS FFT file")
def test_make_model_rebuilds_the_shipped_model(tmp_path, monkeypatch):
    """``make model-safeguarding`` gives the shipped check again: the same vocabulary, threshold
    and figures, the same weights, and the same decision on every labelled comment.

    The same weights to a few parts in a million, not to the bit: the training's sums run in
    the order the CPU's vector instructions take them, so a rebuild on another kind of processor
    differs in the last bit of some weights (and so in the version fingerprint, which is taken
    from the exact bytes). On one machine two rebuilds are identical (test_training.py)."""
    opened: list[str] = []
    real_open = pathlib.Path.open

    def recording_open(self, *args, **kwargs):
        opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", recording_open)
    result = CliRunner().invoke(main, [str(NHS), "--output", str(tmp_path)])
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    shipped_dir = builtin_safeguarding_dir()
    assert (tmp_path / "vocabulary.json").read_bytes() == (
        shipped_dir / "vocabulary.json").read_bytes()
    shipped_meta = json.loads((shipped_dir / "model.json").read_text(encoding="utf-8"))
    rebuilt_meta = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    shipped_meta.pop("version"), rebuilt_meta.pop("version")
    _close(shipped_meta, rebuilt_meta)
    with (np.load(shipped_dir / "weights.npz") as shipped,
          np.load(tmp_path / "weights.npz") as rebuilt):
        assert shipped.files == rebuilt.files
        for name in shipped.files:
            assert shipped[name].dtype == rebuilt[name].dtype, name
            np.testing.assert_allclose(rebuilt[name], shipped[name], rtol=1e-5, atol=1e-6,
                                       err_msg=name)
    shipped_model = builtin_safeguarding_model()
    rebuilt_model = SafeguardingModel.load(tmp_path)
    assert rebuilt_model.threshold == shipped_model.threshold
    inputs = [sg.learned_check_input(normalise(text))[1] for text in _every_labelled_text()]
    assert len(inputs) > 3000
    assert np.array_equal(rebuilt_model.flags_many(inputs), shipped_model.flags_many(inputs))
    np.testing.assert_allclose(rebuilt_model.scores(inputs), shipped_model.scores(inputs),
                               rtol=1e-4, atol=1e-5)

    assert set(DEVELOPMENT_FILES) <= set(opened)
    assert "ordinary_feedback_train.csv" in opened
    # the blind sets are never read
    assert not any("blind_2" in name or "blind_3" in name for name in opened)
    assert "ordinary_feedback_blind.csv" not in opened
