"""Giving freed memory back to the operating system between runs.

*Why:* a window that trains run after run frees everything a run allocated, but glibc's malloc keeps
freed heap pages (in the arena of each thread that allocated them: one per job thread) for reuse rather
than returning them. In a one-hour soak (bench/soak.py) the resident size grew ~145 MB in steps while
the Python objects stayed level, and ``malloc_trim`` gave back up to ~120 MB of it at a time. So the
window trims once after every job. With that, and a baseline taken once every panel has been used, one
hour of back-to-back runs grew +39 MB (1049 runs), but a second soak +59 MB in 30 minutes: malloc's live
bytes stay level (~260 MB), what grows is free chunks kept in the *thread* arenas (107 -> 245 MB), which
the trim does not return. Every job thread, torch's pool threads and Qt's threads each get an arena of
their own (glibc allows 8 per core), and a freed chunk can only be reused by a thread of the same arena,
so each new job thread strands some. Hence the window also caps the arenas at start-up
(``limit_malloc_arenas``, two). With the cap, ``python bench/soak.py --minutes 60 --every 5`` (2026-11-30,
alone): baseline 997.8 MB, samples 981-1008 MB, end 1002.7: +4.9 MB in an hour over 1524 runs (a line
through the samples: +15 MB/h; without the cap +44 MB/h); a second, 30 minutes: +3.8 MB over 444 runs
(uncapped: +59 MB). Training in the window was no slower with it
(two-class, five alternating pairs: 377k samples/s capped, 386k not; the spread of either is wider).
Not the cause, measured: MKL's per-thread buffers stay at <= 19 MB whatever the thread count.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from functools import lru_cache

# glibc's mallopt parameter for the most arenas malloc may create (malloc.h: M_ARENA_MAX).
M_ARENA_MAX = -8
ARENA_ENV = "MALLOC_ARENA_MAX"
# Two: the GUI thread keeps the main arena, every other thread shares one. Fewer arenas can cost lock
# contention when threads malloc at once; training in the window was no slower with two than without a
# cap (bench/window_vs_headless.py with MALLOC_ARENAS=2 / 0, alternating; figures in the docstring above).
WINDOW_ARENAS = 2


@lru_cache(maxsize=1)
def _glibc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim, libc.mallopt    # glibc only (musl has neither)
    except (OSError, AttributeError):
        return None
    return libc


@lru_cache(maxsize=1)
def _malloc_trim():
    libc = _glibc()
    if libc is None:
        return None
    trim = libc.malloc_trim
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def limit_malloc_arenas(count: int = WINDOW_ARENAS) -> bool:
    """Cap glibc's malloc arenas at ``count``; True if the cap is now in force.

    Call it before any thread starts: a thread that already has an arena of its own keeps it. A cap the
    user set in the environment (``MALLOC_ARENA_MAX``) is theirs and stays.
    """
    if count < 1:
        raise ValueError(f"an arena count must be at least 1, not {count}")
    libc = _glibc()
    if libc is None:
        return False
    if os.environ.get(ARENA_ENV):
        return True
    libc.mallopt.argtypes, libc.mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return libc.mallopt(M_ARENA_MAX, count) == 1


def release_free_memory() -> bool:
    """Return the C heap's free pages to the OS where the C library can (glibc); True if it did anything."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False
