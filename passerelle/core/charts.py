"""Charts drawn on the server as SVG: no JavaScript library, printable, and always shown
next to a data table for screen readers (the SVG itself is aria-hidden)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Distinct on screen and in black and white: each series also has its own marker and dash.
PALETTE = ["#0b5f6b", "#a4161a", "#5a3e9b", "#8a5a00", "#1d6b2f", "#1b1b1b", "#b0306a"]
MARKERS = ["circle", "square", "triangle", "diamond", "circle", "square", "triangle"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3"]
# Characters per line, for the widest font the charts meet (DejaVu Sans in the PDFs).
BAR_LABEL_CHARACTERS = 27
LEGEND_CHARACTERS = 23


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, cut between words, never inside one."""
    return textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False) or [""]


def _lines(x: float, y: float, lines: list[str], *, anchor: str, colour: str, step: int) -> str:
    """A text of several lines (tspans), the first on `y`."""
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else step}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{colour}">{spans}</text>'


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'


def line_chart(
    *, x_labels: list[str], series: list[Series], y_max: float = 100, unit: str = "%"
) -> SafeString:
    width, height = 680, 300
    left, right, top, bottom = 48, 210, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max(len(x_labels) - 1, 1)

    def x_at(i: int) -> float:
        return left + (plot_w * i / steps if len(x_labels) > 1 else plot_w / 2)

    def y_at(value: float) -> float:
        return top + plot_h * (1 - value / y_max)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-hidden="true" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12">'
    ]
    for tick in range(0, 5):
        value = y_max * tick / 4
        y = y_at(value)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#d6d6d0" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#545454">'
            f"{value:.0f}{escape(unit)}</text>"
        )
    for i, label in enumerate(x_labels):
        # A label may hold a line break: "janv.\n2026" puts the year under the month. With
        # two labels (first and latest measure), each is set inside the plot, never cut.
        anchor = "middle"
        if len(x_labels) <= 2:
            anchor = "start" if i == 0 else "end"
        parts.append(
            _lines(
                x_at(i),
                height - bottom + 16,
                str(label).split("\n"),
                anchor=anchor,
                colour="#545454",
                step=13,
            )
        )
    legend_y = top + 14
    for index, serie in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = [(x_at(i), y_at(v)) for i, v in enumerate(serie.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dash = DASHES[index % len(DASHES)]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash_attr}/>'
            )
        marker = MARKERS[index % len(MARKERS)]
        parts.extend(_marker(marker, x, y, colour) for x, y in points)
        lines = _wrap(serie.name, LEGEND_CHARACTERS)
        parts.append(_marker(marker, width - right + 16, legend_y - 4, colour))
        parts.append(
            _lines(width - right + 28, legend_y, lines, anchor="start", colour="#1b1b1b", step=14)
        )
        legend_y += 14 * len(lines) + 8
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def bar_chart(*, items: list[tuple[str, float]], max_value: float = 100, unit: str = "%"):
    """Horizontal bars, one per item, label on the left (on several lines when long, never
    cut) and value on the right."""
    label_w, width, line_h = 230, 640, 15
    bar_w = width - label_w - 70
    wrapped = [_wrap(label, BAR_LABEL_CHARACTERS) for label, _value in items]
    rows = [max(34, line_h * len(lines) + 12) for lines in wrapped]
    height = sum(rows) + 10
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-hidden="true" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13">'
    ]
    y = 5
    for (_label, value), lines, row in zip(items, wrapped, rows, strict=True):
        length = bar_w * max(value, 0) / max_value if max_value else 0
        middle = y + row / 2
        first_line = middle + 5 - (len(lines) - 1) * line_h / 2
        parts.append(
            _lines(label_w - 8, first_line, lines, anchor="end", colour="#1b1b1b", step=line_h)
            + f'<rect x="{label_w}" y="{middle - 11:.1f}" width="{bar_w}" height="22" '
            f'fill="#eaeae6"/>'
            f'<rect x="{label_w}" y="{middle - 11:.1f}" width="{length:.1f}" height="22" '
            f'fill="#0b5f6b"/>'
            f'<text x="{label_w + bar_w + 8}" y="{middle + 5:.1f}" fill="#1b1b1b">'
            f"{value:.0f}{escape(unit)}</text>"
        )
        y += row
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def heatmap(*, rows: list[str], columns: list[str], values: list[list[float]]) -> SafeString:
    """A grid of shaded cells (rows × columns), darker for higher values, value written in
    each cell so that it reads in black and white too."""
    cell_w, cell_h, left, top = 44, 30, 90, 26
    width = left + cell_w * len(columns) + 10
    height = top + cell_h * len(rows) + 10
    peak = max((v for row in values for v in row), default=0) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-hidden="true" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12">'
    ]
    for j, label in enumerate(columns):
        parts.append(
            f'<text x="{left + j * cell_w + cell_w / 2:.0f}" y="{top - 8}" text-anchor="middle" '
            f'fill="#1b1b1b">{escape(label)}</text>'
        )
    for i, label in enumerate(rows):
        y = top + i * cell_h
        parts.append(
            f'<text x="{left - 8}" y="{y + cell_h / 2 + 4:.0f}" text-anchor="end" '
            f'fill="#1b1b1b">{escape(label)}</text>'
        )
        for j, value in enumerate(values[i]):
            share = value / peak
            # From the page background to the accent colour; text flips to white when dark.
            shade = (
                round(246 - share * (246 - 11)),
                round(246 - share * (246 - 95)),
                round(244 - share * (244 - 107)),
            )
            colour = "#{:02x}{:02x}{:02x}".format(*shade)
            text = "#ffffff" if share > 0.55 else "#1b1b1b"
            x = left + j * cell_w
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'fill="{colour}"/>'
                f'<text x="{x + cell_w / 2 - 1:.0f}" y="{y + cell_h / 2 + 4:.0f}" '
                f'text-anchor="middle" fill="{text}">{value:.0f}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped
