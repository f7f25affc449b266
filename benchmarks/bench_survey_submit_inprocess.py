"""CPU per survey submission inside one process: Voice against the bare Flask + SQLAlchemy insert.

    .venv/bin/python benchmarks/bench_survey_submit_inprocess.py [--requests 4000] [--chunks 8]

The same submissions as bench_survey_submit.py (the "How was your visit today?" form without
free text, a fresh form token each) and the same bare endpoint, each sent straight into its
WSGI app, no server or network, on SQLite files of their own. Chunks of Voice and bare take
turns; for each the best and the median chunk are printed as process CPU per submission.

This is the quiet half of the submission figure: it moves far less with the load on a shared
machine than gunicorn's throughput does, so it shows what a change to the request does. It leaves
out what only a server adds (HTTP parsing, two workers taking turns at SQLite's write lock and
re-reading the pages the other changed); bench_survey_submit.py measures the whole.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _survey_setup import BENCH_SECRET, build  # noqa: E402


def call(app, path: str, body: bytes) -> None:
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
        "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1"}
    statuses: list[str] = []
    body_parts = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    for _ in body_parts:
        pass
    if hasattr(body_parts, "close"):
        body_parts.close()
    if not statuses[0].startswith("303"):
        raise SystemExit(f"{path}: {statuses[0]} (a submission must end in a 303)")


def cpu_ms_each(app, bodies) -> float:
    started = time.process_time()
    for path, _, body in bodies:
        call(app, path, body)
    return 1000 * (time.process_time() - started) / len(bodies)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000, help="submissions to each app")
    parser.add_argument("--chunks", type=int, default=8, help="turns each app takes")
    parser.add_argument("--warmup", type=int, default=200)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="voice-bench-inprocess-"))
    url = f"sqlite:///{folder / 'voice.db'}"
    os.environ.update({"VOICE_DATABASE_URL": url, "VOICE_SECRET_KEY": BENCH_SECRET,
                       "VOICE_BENCH_BARE_DATABASE_URL": f"sqlite:///{folder / 'bare.db'}"})
    import bench_survey_submit as submit

    info = build(url)["visit_today"]
    ids = submit.question_ids(url, info["survey_id"])
    total = args.warmup + args.requests
    voice_bodies = submit.voice_bodies(info, ids, total, 0, with_text=False)
    bare_bodies = submit.bare_bodies(total, 0)

    import _survey_bare_app as bare
    import _survey_wsgi as voice

    bare.metadata.create_all(bare.engine)
    cpu_ms_each(voice.app, voice_bodies[:args.warmup])
    cpu_ms_each(bare.app, bare_bodies[:args.warmup])
    step = args.requests // args.chunks
    voice_ms, bare_ms = [], []
    for n in range(args.chunks):
        chunk = slice(args.warmup + n * step, args.warmup + (n + 1) * step)
        voice_ms.append(cpu_ms_each(voice.app, voice_bodies[chunk]))
        bare_ms.append(cpu_ms_each(bare.app, bare_bodies[chunk]))
    voice_ms.sort()
    bare_ms.sort()
    middle = args.chunks // 2
    print(f"{args.chunks} chunks of {step} submissions without free text each, SQLite, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"Voice: {voice_ms[0]:.3f} ms of CPU per submission "
          f"(median chunk {voice_ms[middle]:.3f})")
    print(f"bare insert: {bare_ms[0]:.3f} ms (median chunk {bare_ms[middle]:.3f})")
    print(f"bare / Voice, best chunks: {bare_ms[0] / voice_ms[0]:.0%} "
          "(in process; bench_survey_submit.py gives the figure under gunicorn)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
