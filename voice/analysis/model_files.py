"""The three files every trained model is saved as, for the sentiment and theme model
(:mod:`.models`) and the safeguarding check (:mod:`.safeguarding_model`) alike.

``model.json`` (what the model is, readable), ``vocabulary.json`` (its n-grams) and
``weights.npz`` (NumPy arrays, never pickles). The weights are written without the time of
writing, so rebuilding the same model changes no bytes.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any, Final

import numpy as np

META_FILE: Final = "model.json"
VOCAB_FILE: Final = "vocabulary.json"
WEIGHTS_FILE: Final = "weights.npz"
_ZIP_DATE: Final = (1980, 1, 1, 0, 0, 0)

__all__ = ["META_FILE", "VOCAB_FILE", "WEIGHTS_FILE", "read_model_files", "write_model_files"]


def write_model_files(path: Path, meta: dict[str, Any], vocabulary: Any,
                      arrays: dict[str, np.ndarray]) -> Path:
    """Write a model's three files into ``path`` (created if needed)."""
    path.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path / WEIGHTS_FILE, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            with np.errstate(all="ignore"):
                np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]),
                                          allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
    (path / VOCAB_FILE).write_text(
        json.dumps(vocabulary, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (path / META_FILE).write_text(
        json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_model_files(path: Path) -> tuple[dict[str, Any], Any, dict[str, np.ndarray]]:
    """(meta, vocabulary, arrays) from a directory written by :func:`write_model_files`.

    Raises FileNotFoundError when a file is missing, and ValueError or OSError when one
    cannot be read (a damaged weights file included).
    """
    meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    vocabulary = json.loads((path / VOCAB_FILE).read_text(encoding="utf-8"))
    try:
        with np.load(path / WEIGHTS_FILE, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except zipfile.BadZipFile as exc:
        raise ValueError(f"{WEIGHTS_FILE} is damaged ({exc})") from exc
    return meta, vocabulary, arrays
