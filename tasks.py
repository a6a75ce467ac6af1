#!/usr/bin/env python3
"""Set up and run paxscreen from a fresh clone with nothing but Python 3.11+.

    python3 tasks.py serve [paxscreen serve options]   # start the service on SQLite
    python3 tasks.py test  [pytest options]            # run the whole test suite
    python3 tasks.py bench [bench options]             # run the benchmarks
    python3 tasks.py lint                              # ruff, mypy, import-linter

The first call creates .venv/ and installs the project into it; later calls reinstall only when
pyproject.toml has changed. Standard library only: this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".paxscreen-installed"


def ensure_environment() -> None:
    if not PYTHON.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("installing paxscreen and its dependencies into .venv", flush=True)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


def run(*args: str) -> int:
    return subprocess.run([str(PYTHON), *args], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036  (this file must explain, not crash, on old Pythons)
        print(f"paxscreen needs Python 3.11 or newer; this is {sys.version.split()[0]}")
        return 2
    if not argv or argv[0] not in {"serve", "test", "bench", "lint"}:
        print(__doc__)
        return 2
    ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "serve":
        return run("-m", "paxscreen", "serve", *rest)
    if command == "test":
        # One worker per core unless the caller chose (-n 0 runs in this process).
        parallel = [] if any(arg.startswith("-n") for arg in rest) else ["-n", "auto"]
        return run("-m", "pytest", *parallel, *rest)
    if command == "bench":
        return run(str(ROOT / "bench" / "run.py"), *rest)
    for tool in (
        ["-m", "ruff", "check", "."],
        ["-m", "ruff", "format", "--check", "."],
        ["-m", "mypy"],
        [str(BIN / "lint-imports")],
    ):
        code = run(*tool) if tool[0] == "-m" else subprocess.run(tool, cwd=ROOT).returncode
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
