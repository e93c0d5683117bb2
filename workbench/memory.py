"""Giving freed memory back to the operating system between runs.

*Why:* a window that trains run after run frees everything a run allocated, but glibc's malloc keeps
freed heap pages (in the arena of each thread that allocated them: one per job thread) for reuse rather
than returning them. In a one-hour soak (bench/soak.py) the resident size grew ~145 MB in steps while
the Python objects stayed level, and ``malloc_trim`` gave back up to ~120 MB of it at a time. So the
window trims once after every job. With that, and a baseline taken once every panel has been used, one
hour of back-to-back runs grew +39 MB (1049 runs), but a second soak +59 MB in 30 minutes: malloc's live
bytes stay level (~260 MB), what grows is free chunks kept in the *thread* arenas that the trim does not
return (``MALLOC_ARENA_MAX=2`` held a soak flat for 12 minutes; not yet adopted, see the closing note of
2026-11-30). Not the cause, measured: MKL's per-thread buffers stay at <= 19 MB whatever the thread count.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim          # glibc only (musl has no such function)
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Return the C heap's free pages to the OS where the C library can (glibc); True if it did anything."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False
