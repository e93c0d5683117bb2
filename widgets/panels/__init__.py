"""Dumb panels: ``update``-style methods that take numpy data, and ``clear()``. No training logic, no torch."""
