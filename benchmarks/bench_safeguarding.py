"""Safeguarding: recall on disclosures, false flags on ordinary feedback, NHS workload.

    .venv/bin/python benchmarks/bench_safeguarding.py            # development figures (about 1 min)
    .venv/bin/python benchmarks/bench_safeguarding.py --blind    # and the blind sets: figures only

Prints, for the engine as shipped (rules OR the learned check):

* recall (and precision, where a set has safe sentences) on every labelled set of
  disclosures: the development sets, and with ``--blind`` the blind sets
  ``safeguarding_blind_2.csv`` to ``_5.csv``;
* the false-flag rate on ordinary young people's feedback: the training sets
  (``ordinary_feedback_train.csv`` and ``_train_2.csv``, which the learned check
  learnt from, so not honest figures) and with ``--blind`` the blind sets
  ``ordinary_feedback_blind.csv``, ``_blind_2.csv`` and ``_blind_3.csv``;
* the share of the NHS comments in ``/work/shared/data/nhs_fft_phase1.csv`` flagged
  (whole file, shipped check: it was trained on half of the comments the rules
  leave), and the **unseen-trust** share: the learned check trained the shipped
  way but with the NHS comments of two trusts only, counting rules OR model flags
  on the third trust, for each trust in turn.

Blind sets are scored for figures only: the benchmark never prints their text or
which sentences were missed, and ``--blind`` is for the one final scoring. Nobody
changing the rules or the check should run it.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "2")

import argparse  # noqa: E402
import csv  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from voice.analysis.data import load_nhs_fft  # noqa: E402
from voice.analysis.safeguarding import (  # noqa: E402
    learned_check_input,
    left_to_rules,
    rule_reasons,
    safeguarding_check_many,
)
from voice.analysis.safeguarding_model import builtin_safeguarding_model  # noqa: E402
from voice.analysis.safeguarding_training import fit_like_shipped  # noqa: E402
from voice.analysis.text import normalise  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
NHS = Path("/work/shared/data/nhs_fft_phase1.csv")

# (file, what it is). Development sets were studied while the rules were written.
DEVELOPMENT_SETS = (
    ("safeguarding_labelled.csv", "development set (the rules were written from it)"),
    ("safeguarding_heldout.csv", "former held-out set: development data now"),
    (
        "safeguarding_blind.csv",
        "former blind set (first scored 0.748 recall): its misses were studied, development now",
    ),
    (
        "safeguarding_disclosures_train.csv",
        "disclosures in young people's register written as training data (issue 12, round 2)",
    ),
    (
        "safeguarding_disclosures_train_2.csv",
        "more disclosures, many voices, written as training data (issue 12, round 3)",
    ),
)
ORDINARY_TRAINING = (
    (
        "ordinary_feedback_train.csv",
        "ordinary young people's feedback the learned check LEARNT FROM (not an honest figure)",
    ),
    (
        "ordinary_feedback_train_2.csv",
        "more ordinary feedback the check LEARNT FROM, written close to the line (issue 12, round 2)",
    ),
    (
        "ordinary_feedback_train_3a.csv",
        "look-alike ordinary feedback the check LEARNT FROM (issue 12, round 3)",
    ),
    (
        "ordinary_feedback_train_3.csv",
        "hard negatives the check LEARNT FROM (issue 12, round 3)",
    ),
)
BLIND_SETS = (
    (
        "safeguarding_blind_2.csv",
        "blind set 2: written without seeing the rules, from safeguarding training material",
    ),
    (
        "safeguarding_blind_3.csv",
        "blind set 3: written for issue 12 by someone who had not read the rules or the model",
    ),
    (
        "safeguarding_blind_4.csv",
        "blind set 4: scored once after issue 12's second round (0.882); studied in round 3:"
        " development now",
    ),
    (
        "safeguarding_blind_5.csv",
        "blind set 5: written during issue 12's third round, scored once after its freeze"
        " (never read)",
    ),
)
ORDINARY_BLIND = (
    (
        "ordinary_feedback_blind.csv",
        "ordinary feedback 1: scored once after issue 12's first round; studied since: development",
    ),
    (
        "ordinary_feedback_blind_2.csv",
        "ordinary feedback 2: scored once after issue 12's second round (15 flagged); studied in"
        " round 3: development now",
    ),
    (
        "ordinary_feedback_blind_3.csv",
        "BLIND ordinary feedback 3: written during issue 12's third round, scored once after its"
        " freeze",
    ),
)
TARGET_RECALL = 0.95
TARGET_ORDINARY = 1 / 65
TARGET_NHS = 0.01


def read_labelled(path: Path) -> tuple[list[str], np.ndarray]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (r.get("label") or "").strip() in {"0", "1"}]
    return [r["text"] for r in rows], np.array([r["label"].strip() == "1" for r in rows])


def flags_of(texts: list[str]) -> np.ndarray:
    """The engine's flag (rules OR the shipped learned check) for each text, as one batch."""
    return np.array([flagged for flagged, _ in safeguarding_check_many([normalise(t) for t in texts])])


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def disclosure_set(name: str, note: str) -> None:
    path = DATA / name
    if not path.exists():
        print(f"\n{name}: not there yet")
        return
    texts, truth = read_labelled(path)
    flagged = flags_of(texts)
    found = int((flagged & truth).sum())
    recall = found / max(1, int(truth.sum()))
    print(f"\n== {name} ({int(truth.sum())} disclosures, {int((~truth).sum())} safe sentences)")
    print(f"    {note}")
    line = f"recall {recall:.3f} ({found} of {int(truth.sum())}; target {TARGET_RECALL}: {met(recall >= TARGET_RECALL)})"
    if (~truth).any():
        line += (
            f", precision {found / max(1, int(flagged.sum())):.3f},"
            f" safe sentences flagged {int((flagged & ~truth).sum())} of {int((~truth).sum())}"
        )
    print(line)


def ordinary_set(name: str, note: str) -> None:
    path = DATA / name
    if not path.exists():
        print(f"\n{name}: not there yet")
        return
    texts, truth = read_labelled(path)
    if truth.any():
        print(f"\n{name}: {int(truth.sum())} rows labelled 1 left out (this set is all label 0)")
    texts = [t for t, label in zip(texts, truth, strict=True) if not label]
    flagged = flags_of(texts)
    n, k = len(texts), int(flagged.sum())
    share = k / max(1, n)
    print(f"\n== {name} ({n} comments)")
    print(f"    {note}")
    one_in = f"1 in {n / k:.0f}" if k else "none"
    print(
        f"false flags {k} of {n} = {share:.2%} ({one_in}; target at most 1 in 65 ="
        f" {TARGET_ORDINARY:.2%}: {met(share <= TARGET_ORDINARY)})"
    )


def nhs_figures(unseen_trust: bool) -> None:
    comments = load_nhs_fft(NHS)
    texts = [c.text for c in comments]
    normalised = [normalise(t) for t in texts]
    by_rules = np.array([bool(rule_reasons(n)) for n in normalised])
    flagged = np.array([f for f, _ in safeguarding_check_many(normalised)])
    print(f"\n== NHS comments ({len(texts)}, three trusts; unlabelled for safeguarding: workload)")
    print(
        f"whole file, as shipped: {flagged.mean():.2%} flagged ({int(flagged.sum())}; rules"
        f" {int(by_rules.sum())}, learned check {int((flagged & ~by_rules).sum())}); the check"
        " learnt from half of the comments the rules leave"
    )
    if not unseen_trust:
        return
    model = builtin_safeguarding_model()
    if model is None:
        print("unseen trust: no learned check shipped")
        return
    trusts = sorted({c.organization for c in comments})
    total = total_flagged = 0
    parts = []
    for trust in trusts:
        train = [c.text for c in comments if c.organization != trust]
        idx = [i for i, c in enumerate(comments) if c.organization == trust]
        trust_model = fit_like_shipped(DATA, train, model.threshold)
        rules = by_rules[idx]
        inputs = [learned_check_input(normalised[i]) for i in idx]
        model_flags = trust_model.flags_many([words for _, words in inputs])
        read = np.array([bool(normalised[i]) and not left_to_rules(t) for i, (t, _) in zip(idx, inputs, strict=True)])
        either = rules | (model_flags & read)
        total += len(idx)
        total_flagged += int(either.sum())
        parts.append(
            f"{trust}: {either.mean():.2%} ({int(either.sum())} of {len(idx)}; rules"
            f" {int(rules.sum())}, check {int((either & ~rules).sum())})"
        )
    share = total_flagged / max(1, total)
    print(
        f"unseen trust (check trained with two trusts' comments, flags counted on the third):"
        f" pooled {share:.2%} ({total_flagged} of {total}; target at most"
        f" {TARGET_NHS:.0%}: {met(share <= TARGET_NHS)})"
    )
    for part in parts:
        print(f"    {part}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--blind", action="store_true", help="also score the blind sets (once, at the end)"
    )
    parser.add_argument(
        "--skip-unseen-trust", action="store_true", help="skip the three retrainings (faster)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    model = builtin_safeguarding_model()
    print(
        "Safeguarding as shipped: the rules OR the learned check"
        + (f" (version {model.version}, threshold {model.threshold:.2f})" if model else " (not loaded)")
    )
    for name, note in DEVELOPMENT_SETS:
        disclosure_set(name, note)
    for name, note in ORDINARY_TRAINING:
        ordinary_set(name, note)
    if args.blind:
        for name, note in BLIND_SETS:
            disclosure_set(name, note)
        for name, note in ORDINARY_BLIND:
            ordinary_set(name, note)
    else:
        print("\n(blind sets not scored: --blind, once, at the end)")
    if NHS.exists():
        nhs_figures(unseen_trust=not args.skip_unseen_trust)
    else:
        print(f"\n{NHS} not found: NHS figures skipped")
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
