"""A worker pays the matcher's one-time costs at start-up: after the warm-up, every compiled
loop of a search is compiled (or loaded from numba's cache), so the first message does not
wait for it."""

from __future__ import annotations

import subprocess
import sys

# Run in a fresh interpreter: in this one, other tests may have compiled the loops already.
CHECK = """
from paxscreen.screening.live_index import warm_up
from paxscreen.screening.matching import bitmap, bound, cover
kernels = (cover.merge_two, cover.probe, cover.finish, bitmap.merge_many, bitmap.merge_parts,
           bound.reachable)
assert not any(k.signatures for k in kernels), "compiled before the warm-up"
warm_up()
print(",".join(k.__name__ for k in kernels if not k.signatures) or "none")
"""


def test_warm_up_compiles_every_loop_a_search_takes() -> None:
    run = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=600, check=True
    )
    assert run.stdout.strip() == "none", run.stdout + run.stderr
