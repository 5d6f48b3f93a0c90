"""What a page is: a function from the graph and the address to an answer, which the app serves
three ways, each at a stable address:

    /connect?a=JOH&b=Tren+de+Aragua&as_of=2024-01-01          the page (HTML)
    /connect.json?a=JOH&b=Tren+de+Aragua&as_of=2024-01-01     its JSON form: the command's --format json
    /connect/export.graphml?a=JOH&b=...                         what it shows, exported

An `Answer` holds the result (its JSON form is `as_json(result)`, the function the command line
prints with), the template's values, and the view it draws and exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from csn.visualize.network_view import ViewGraph
from csn.web.controls import Args
from csn.web.workbench import Snapshot


@dataclass(frozen=True)
class Drawn:
    """A view of what a page shows, with the title and caption its exports carry."""

    view: ViewGraph
    title: str
    caption: str


@dataclass
class Answer:
    result: Any
    context: dict[str, Any] = field(default_factory=dict)
    drawn: Callable[[], Drawn] | None = None
    title: str = ""


class Redirect(Exception):
    """The page lives at another address (a name asked for, the id's page answers)."""

    def __init__(self, target: str):
        super().__init__(target)
        self.target = target


@dataclass(frozen=True)
class Page:
    """A page: its name in the navigation, its address (with `{id}` for an entity), its
    template, and the function that answers it."""

    name: str
    path: str
    template: str
    answer: Callable[[Snapshot, Args], Answer]
    params: tuple[str, ...] = ()  # the page's own parameters, kept by the controls form
