"""numba for the candidate search's loops: the decorators (typed for mypy: numba ships no
type hints), the array types and two bit counts numba lacks.

Why compiled: at a million listed names a traveller's common tokens hold tens of thousands of
names each. As numpy calls, coverage took a sort, a dozen gathers and scatters and some fifty
calls of fixed overhead per traveller: about half of a search; one pass over the sorted
postings does it in a fraction. Kernels compile on first use and are cached on disk.

numba's disk cache checks only the source file of the function it caches: a kernel calls
compiled functions of its own module only (besides the intrinsics and constants here, which
are not expected to change), so that editing a module recompiles everything that depends on
it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt
from numba.core.extending import intrinsic
from numba.cpython.unsafe.numbers import trailing_zeros

IdArray = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float32]
# needed coverage, total weight, needed x total less slack, weight the probes may add
Limits = tuple[np.float32, np.float32, np.float32, np.float32]
Function = TypeVar("Function", bound=Callable[..., Any])

# Slack of the coverage comparisons: float32 sums of the same weights in another order.
SLACK = np.float32(1e-6)
ONE = np.float32(1.0)


def _jit(function: Function, *, nogil: bool) -> Function:
    try:
        return cast(Function, numba.njit(cache=True, nogil=nogil)(function))
    except RuntimeError:
        # No writable place for numba's cache (read-only install, no home directory): compile
        # in every process instead of failing to start.
        return cast(Function, numba.njit(nogil=nogil)(function))


def compiled(function: Function) -> Function:
    """numba's njit, cached on disk, typed for mypy (numba ships no type hints)."""
    return _jit(function, nogil=True)


def compiled_with_gil(function: Function) -> Function:
    """For kernels that use a shared scratch (bitmap.py): holding the GIL, no other
    thread can run one of them at the same time (each leaves the scratch as it found it)."""
    return _jit(function, nogil=False)


def _ctpop(typing_context: Any, word: Any) -> Any:
    def generate(context: Any, builder: Any, signature: Any, arguments: Any) -> Any:
        return builder.ctpop(arguments[0])

    return word(word), generate


# Bit counts of a 64-bit word in compiled code: set bits (LLVM's ctpop, one instruction:
# numba has no popcount) and zeros below the lowest set bit.
popcount = cast(Callable[[np.uint64], int], intrinsic(_ctpop))
lowest_bit = cast(Callable[[np.uint64], int], trailing_zeros)
