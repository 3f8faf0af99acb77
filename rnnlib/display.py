"""Small, deterministic displays for notebooks: a table that renders as text and as HTML."""

from __future__ import annotations

import html
import numbers


def _fmt(value, digits: int) -> str:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return f"{float(value):.{digits}f}"


class Table:
    """A small table for lesson output: plain text for nbval and terminals, HTML in JupyterLab.

    Parameters
    ----------
    rows : sequence of sequences
        One entry per row, one value per column. Floats are shown with ``digits`` decimals.
    columns : sequence of str
        Column headers.
    title : str, optional
    digits : int, default 4

    Examples
    --------
    >>> Table([["one-to-one", "(batch, features)"]], ["mapping", "input"])
    mapping     input
    ----------  -----------------
    one-to-one  (batch, features)
    """

    def __init__(self, rows, columns, title: str | None = None, digits: int = 4):
        self.columns = [str(c) for c in columns]
        self.rows = [[_fmt(v, digits) for v in row] for row in rows]
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"rows[{i}] must have {len(self.columns)} values (one per column); got {len(row)}"
                )
        self.title = title

    def __repr__(self) -> str:
        widths = [max([len(c)] + [len(r[i]) for r in self.rows]) for i, c in enumerate(self.columns)]
        lines = [self.title] if self.title else []
        lines.append("  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True)).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in self.rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r) + "</tr>" for r in self.rows)
        caption = f"<caption>{html.escape(self.title)}</caption>" if self.title else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
