"""Small inline SVG charts made at build time: no script, no external request, readable by screen readers."""

from __future__ import annotations

from collections.abc import Sequence

from catalogue.site.html import text

BAR_COLOUR = "#1a5a8a"  # 7.3:1 against white, above WCAG AA for graphics and text


def sparkline(values: Sequence[int], label: str) -> str:
    """Commits per month as bars; the label says the same in words."""
    width, height, gap = 4, 24, 1
    peak = max(values, default=0) or 1
    bars = "".join(
        f'<rect x="{i * (width + gap)}" y="{height - max(1, round(v / peak * height)) if v else height - 1}" width="{width}" '
        f'height="{max(1, round(v / peak * height)) if v else 1}" fill="{BAR_COLOUR if v else "#767676"}"/>'
        for i, v in enumerate(values)
    )
    total_width = len(values) * (width + gap)
    return (
        f'<svg class="sck-sparkline" role="img" aria-label="{text(label)}" width="{total_width}" height="{height}" '
        f'viewBox="0 0 {total_width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{text(label)}</title>{bars}</svg>'
    )


def bar_chart(rows: Sequence[tuple[str, int]], title: str) -> str:
    """A horizontal bar chart with its numbers written beside the bars, plus a table for assistive technology."""
    if not rows:
        return f"<p>{text(title)}: noch keine Daten.</p>"
    label_width, bar_width, row_height = 260, 300, 26
    peak = max(count for _, count in rows) or 1
    parts = []
    for index, (label, count) in enumerate(rows):
        y = index * row_height
        length = max(2, round(count / peak * bar_width))
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">{text(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{row_height - 8}" fill="{BAR_COLOUR}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 17}">{count}</text>'
        )
    height = len(rows) * row_height
    table_rows = "".join(f'<tr><th scope="row">{text(label)}</th><td>{count}</td></tr>' for label, count in rows)
    return (
        f'<figure class="sck-chart"><figcaption>{text(title)}</figcaption>'
        f'<svg aria-hidden="true" focusable="false" width="100%" viewBox="0 0 {label_width + bar_width + 60} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="13" fill="currentColor">{"".join(parts)}</svg>'
        f'<table class="sck-sr-only"><caption>{text(title)}</caption><tbody>{table_rows}</tbody></table></figure>'
    )
