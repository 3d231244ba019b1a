"""Horizontal bar charts for inline SVG: the geometry is computed here, the templates draw it.

Used by the report's first screen (deductions by indicator, or gaps by category when nothing was scored).
Like ``reports.svg``, no markup is built in Python: the template turns these numbers into ``<rect>``s and
``<text>``s, escaped like everything else, and tests read the values back from ``data-*`` attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class HBar:
    label: str
    value: float
    y: float  # top of the bar
    width: float  # length of the bar, from ``BarChart.left``

    @property
    def value_label(self) -> str:
        return f"{self.value:g}"


@dataclass
class BarChart:
    width: int
    height: int
    left: int  # where the bars start (the labels sit left of it)
    bar_height: int
    metric: str  # what a bar measures, in Chinese ("扣分", "问题数")
    bars: list[HBar] = field(default_factory=list)

    @property
    def label_x(self) -> int:
        return self.left - 6


def bar_chart(items: list[tuple[str, float]], metric: str, *, width: int = 460, left: int = 132,
              bar_height: int = 20, gap: int = 8, value_room: int = 44) -> BarChart | None:
    """Bars for (label, value) pairs, largest first; None when there is nothing above zero to draw."""
    shown = sorted(((label, float(v)) for label, v in items if v > 0), key=lambda p: (-p[1], p[0]))
    if not shown:
        return None
    high = max(v for _, v in shown)
    room = width - left - value_room
    chart = BarChart(width, gap + len(shown) * (bar_height + gap), left, bar_height, metric)
    for i, (label, value) in enumerate(shown):
        chart.bars.append(HBar(label, value, gap + i * (bar_height + gap), round(max(2.0, room * value / high), 1)))
    return chart


@dataclass
class Sparkline:
    width: int
    height: int
    metric: str  # 得分 or 问题数
    points: list[tuple[float, float, str, float]] = field(default_factory=list)  # x, y, label, value

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:g},{y:g}" for x, y, _, _ in self.points)


def sparkline(values: list[tuple[str, float]], metric: str, *, width: int = 120, height: int = 32,
              pad: int = 5, high: float | None = None, low: float = 0.0) -> Sparkline | None:
    """A small line of (label, value) pairs, oldest first, drawn between ``low`` and ``high`` (default: the
    largest value), e.g. 60–100 for scores, so that a change of a few points shows."""
    if not values:
        return None
    top = high if high is not None else max(max(v for _, v in values), 1.0)
    low = min(low, min(v for _, v in values))
    span = max(top - low, 1e-9)
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    line = Sparkline(width, height, metric)
    for i, (label, v) in enumerate(values):
        x = pad + step * i if len(values) > 1 else width / 2
        y = height - pad - (height - 2 * pad) * (min(v, top) - low) / span
        line.points.append((round(x, 1), round(y, 1), label, v))
    return line
