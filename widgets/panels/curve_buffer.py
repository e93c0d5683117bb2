"""Growable arrays for curves that gain points all run long, and a bounded view of them for drawing."""
from __future__ import annotations

import numpy as np


class CurveBuffer:
    """x/y values in preallocated arrays that double when full, so appending is amortised O(1)."""

    def __init__(self, capacity: int = 1024) -> None:
        self._x = np.empty(capacity, dtype=np.float64)
        self._y = np.empty(capacity, dtype=np.float64)
        self.size = 0

    def extend(self, xs, ys) -> None:
        xs, ys = np.atleast_1d(np.asarray(xs, dtype=np.float64)), np.atleast_1d(np.asarray(ys, dtype=np.float64))
        needed = self.size + len(xs)
        if needed > len(self._x):
            capacity = max(needed, 2 * len(self._x))
            self._x = np.resize(self._x, capacity)
            self._y = np.resize(self._y, capacity)
        self._x[self.size:needed], self._y[self.size:needed] = xs, ys
        self.size = needed

    @property
    def x(self) -> np.ndarray:
        return self._x[:self.size]

    @property
    def y(self) -> np.ndarray:
        return self._y[:self.size]

    def clear(self) -> None:
        self.size = 0


class PeakDecimatedCurve:
    """Every point of a curve, plus a drawable version of at most about ``limit`` points.

    *Why:* a tiny model logs tens of thousands of steps; handing pyqtgraph the whole history on every
    update made each update (bounds, path) cost time proportional to the run's length. The drawable
    version keeps each bucket of ``stride`` points as its lowest and highest point, in the order they
    came, so spikes stay visible; buckets are closed as points arrive (constant work per update), and
    when the drawable version outgrows ``limit`` the stride doubles and it is rebuilt once.

    The limit is what a plot shows, not less: 2,000 points are 1,000 buckets, a lowest and a highest point for
    every pixel column of a plot up to 1,000 pixels wide (the window's are ~650 on a 1,366-pixel screen).
    Each repaint draws them all and costs training its time (widgets/update_budget.py): the loss plot of
    curve-fit painted in 1.68 ms with 4,000 and 1.12 ms with 1,500 (2026-12-01).
    """

    def __init__(self, limit: int = 2000) -> None:
        self.limit = max(8, limit)
        self.full = CurveBuffer()
        self._drawn = CurveBuffer()
        self._stride = 1
        self._consumed = 0          # points of ``full`` already folded into ``_drawn``

    @property
    def size(self) -> int:
        return self.full.size

    def extend(self, xs, ys) -> None:
        self.full.extend(xs, ys)
        self._fold()
        if self._drawn.size > self.limit:
            self._stride = max(4, 2 * self._stride)   # a bucket of 2 kept as 2 points would not shrink anything
            self._drawn.clear()
            self._consumed = 0
            self._fold()

    def _fold(self) -> None:
        stride = self._stride
        buckets = (self.full.size - self._consumed) // stride
        if not buckets:
            return
        end = self._consumed + buckets * stride
        xs, ys = self.full.x[self._consumed:end], self.full.y[self._consumed:end]
        if stride == 1:
            self._drawn.extend(xs, ys)
        else:
            xs, ys = xs.reshape(buckets, stride), ys.reshape(buckets, stride)
            low, high = ys.argmin(axis=1), ys.argmax(axis=1)
            first, second = np.minimum(low, high), np.maximum(low, high)
            rows = np.arange(buckets)
            self._drawn.extend(np.stack([xs[rows, first], xs[rows, second]], axis=1).ravel(),
                               np.stack([ys[rows, first], ys[rows, second]], axis=1).ravel())
        self._consumed = end

    def drawable(self) -> tuple[np.ndarray, np.ndarray]:
        """The folded buckets followed by the newest points not yet in a full bucket."""
        if self._consumed == self.full.size:
            return self._drawn.x, self._drawn.y
        return (np.concatenate([self._drawn.x, self.full.x[self._consumed:]]),
                np.concatenate([self._drawn.y, self.full.y[self._consumed:]]))

    def clear(self) -> None:
        self.full.clear()
        self._drawn.clear()
        self._stride, self._consumed = 1, 0
