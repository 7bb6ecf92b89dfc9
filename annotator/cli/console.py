"""Terminal output for the CLI: a rich progress bar on a terminal, silence when piped; tables."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

Update = Callable[..., None]


def _noop(*_args: Any, **_kwargs: Any) -> None:
    return None


@contextlib.contextmanager
def progress(description: str, *, unit: str = "documents") -> Iterator[Update]:
    """Yield ``update(done, total=None, description=None)``; draws on stderr only when it is a TTY."""
    if not sys.stderr.isatty():
        yield _noop
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
               MofNCompleteColumn(), TextColumn(unit), TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=None)  # the total comes with the first update

        def update(done: int, total: int | None = None, description: str | None = None) -> None:
            changes: dict[str, Any] = {"completed": done}
            if total is not None:
                changes["total"] = total
            if description is not None:
                changes["description"] = description
            bar.update(task, **changes)

        yield update


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A table on stdout: rich on a terminal, plain aligned text when piped."""
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for i, name in enumerate(header):
            table.add_column(str(name), justify="left" if i == 0 else "right")
        for row in rows:
            table.add_row(*(str(cell) for cell in row))
        Console().print(table)
        return
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(title)
    for r in cells:
        print("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    print()
