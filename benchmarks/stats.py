"""Small, pure statistics helpers for the benchmark harness.

Everything here is deterministic and free of timing, so the smoke test can check
it exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["fit_exponent", "median", "ratio", "spread"]


def median(samples: Sequence[float]) -> float:
    """Return the median of ``samples`` (the mean of the middle two when even).

    Raises:
        ValueError: ``samples`` is empty.
    """
    if not samples:
        raise ValueError("median of no samples: expected at least one measurement")
    ordered = sorted(samples)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def spread(samples: Sequence[float]) -> float:
    """Return the relative spread of ``samples``: (max - min) / median.

    A rough noise figure printed next to each median; 0.0 for a single sample or
    a zero median.
    """
    centre = median(samples)
    if centre == 0 or len(samples) < 2:
        return 0.0
    return (max(samples) - min(samples)) / centre


def ratio(numerator: float, denominator: float) -> float:
    """Return ``numerator / denominator``, or NaN when the denominator is zero."""
    if denominator == 0:
        return math.nan
    return numerator / denominator


def fit_exponent(sizes: Sequence[float], costs: Sequence[float]) -> float:
    """Fit ``cost = a * size ** k`` by least squares on logarithms; return ``k``.

    ``k`` near 1 means the cost grows linearly with the size; near 2, quadratically.

    Args:
        sizes: Positive input sizes (statement counts).
        costs: Positive measured costs, one per size.

    Raises:
        ValueError: Fewer than two points, mismatched lengths, a non-positive
            value, or all sizes equal.
    """
    if len(sizes) != len(costs) or len(sizes) < 2:
        raise ValueError(
            f"fit_exponent needs two or more (size, cost) pairs, got "
            f"{len(sizes)} sizes and {len(costs)} costs"
        )
    if min(sizes) <= 0 or min(costs) <= 0:
        raise ValueError(
            f"fit_exponent needs positive values, got sizes {list(sizes)!r} "
            f"and costs {list(costs)!r}"
        )

    xs = [math.log(size) for size in sizes]
    ys = [math.log(cost) for cost in costs]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    spread_x = sum((x - mean_x) ** 2 for x in xs)
    if spread_x == 0:
        raise ValueError(f"fit_exponent needs different sizes, got {list(sizes)!r}")
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return covariance / spread_x
