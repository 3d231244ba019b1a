"""Chart geometry for inline SVG, computed here and drawn by the templates (no markup built in Python).

The templates turn these numbers into ``<svg>`` elements, so a chart is part of the one HTML file, is
escaped like everything else, and tests can read its values from ``data-*`` attributes and ``<title>``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Point:
    x: float
    y: float
    label: str  # the run's as-of date
    value: float  # what is plotted
    gaps: int  # failed veto + deduct findings of that run
    run_id: int


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass
class TrendChart:
    width: int
    height: int
    metric: str  # 得分 (score) or 问题数 (gaps), whichever the runs have
    points: list[Point] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)  # gaps per run, always drawn
    y_ticks: list[tuple[float, str]] = field(default_factory=list)  # (y, label)
    left: int = 44
    bottom: int = 28

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def baseline_y(self) -> float:
        return self.height - self.bottom


@dataclass
class Run:
    run_id: int
    as_of: str
    gaps: int
    score: float | None


def trend_chart(runs: list[Run], width: int = 640, height: int = 200) -> TrendChart | None:
    """Score per run when every run has one, else the number of gaps per run; None for fewer than 1 run."""
    if not runs:
        return None
    use_score = all(r.score is not None for r in runs)
    chart = TrendChart(width, height, "得分" if use_score else "问题数")
    top, right = 12, 12
    plot_w = width - chart.left - right
    plot_h = height - chart.bottom - top
    values = [float(r.score) if use_score and r.score is not None else float(r.gaps) for r in runs]
    max_gaps = max(max(r.gaps for r in runs), 1)
    high = 100.0 if use_score else float(max(max(values), 1))
    if use_score and max(values) > 100:
        high = max(values)
    step = plot_w / len(runs)
    for i, (r, v) in enumerate(zip(runs, values, strict=True)):
        cx = chart.left + step * (i + 0.5)
        y = top + plot_h * (1 - v / high)
        chart.points.append(Point(round(cx, 1), round(y, 1), r.as_of, v, r.gaps, r.run_id))
        bh = plot_h * r.gaps / max_gaps * (0.35 if use_score else 1.0)
        bw = min(28.0, step * 0.5)
        chart.bars.append(
            Bar(
                round(cx - bw / 2, 1),
                round(chart.baseline_y - bh, 1),
                round(bw, 1),
                round(bh, 1),
                r.as_of,
                r.gaps,
            )
        )
    if use_score:
        # the bars are a background hint only; the line is the score
        chart.bars = [b for b in chart.bars if b.height > 0]
    for k in range(5):
        v = high * k / 4
        chart.y_ticks.append((round(top + plot_h * (1 - k / 4), 1), f"{v:.0f}"))
    return chart


def heat_color(value: int, high: int) -> str:
    """White (0) to deep red (high) for a heat map cell."""
    if value <= 0 or high <= 0:
        return "#ffffff"
    t = min(1.0, value / high)
    g = round(235 - 175 * t)
    b = round(225 - 185 * t)
    return f"#{245:02x}{g:02x}{b:02x}"
