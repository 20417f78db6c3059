"""The shapes of the API answers the harvest reads, as GitHub, GitLab and Gitea document them, checked before use.

An answer comes from a server nobody here controls. Before any value of it is used, the fields the harvest reads are
checked: a value of another type than documented (text where an object belongs, a number where a list belongs, a
list mixing objects and text), a negative count or an overlong text makes the whole answer a recorded reason (an
`ApiError`), never an exception and never a stored fact. Fields the hosts document as optional or nullable may be
missing or null (then the fact is unknown); fields the harvest does not read are not looked at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from catalogue.harvest.hosts.client import ApiError

MAX_TEXT = 5000  # GitHub allows 350 characters of description, GitLab 2000
MAX_COUNT = 2**53  # the largest integer every JSON reader keeps exactly


@dataclass(frozen=True)
class Value:
    """A JSON scalar: its Python type, its name in messages, and a check of the value itself."""

    kind: type
    name: str
    valid: Callable[[Any], bool] = lambda _: True
    wrong: str = ""  # what is said when `valid` fails


@dataclass(frozen=True)
class Obj:
    """A JSON object with these documented fields (each optional or null); other fields are ignored."""

    fields: dict[str, Shape] = field(default_factory=dict)


@dataclass(frozen=True)
class Items:
    """A JSON list whose items all have one shape."""

    item: Shape
    max_items: int = 1000


Shape = Value | Obj | Items

COUNT = Value(int, "ganze Zahl", lambda v: 0 <= v < MAX_COUNT, "keine Anzahl (negativ oder zu groß)")
FLAG = Value(bool, "true oder false")
TEXT = Value(str, "Text", lambda v: len(v) <= MAX_TEXT, f"länger als {MAX_TEXT} Zeichen")
TIME = Value(str, "Zeitangabe", lambda v: len(v) <= 64, "zu lang für eine Zeitangabe")


def checked_object(value: Any, shape: Obj, where: str) -> dict[str, Any]:
    """`value` when it is an object of `shape`; otherwise an ApiError that says where it differs."""
    problem = _problem(value, shape, "") if value is not None else "null statt Objekt"
    if problem:
        raise ApiError(f"Antwort auf {where} hat nicht die dokumentierte Form: {problem}")
    result: dict[str, Any] = value
    return result


def checked_items(values: Iterable[Any], shape: Obj, where: str) -> list[dict[str, Any]]:
    """The items of a list answer (all pages), each checked like `checked_object`."""
    items = []
    for index, value in enumerate(values):
        problem = _problem(value, shape, f"[{index}]") if value is not None else f"[{index}]: null statt Objekt"
        if problem:
            raise ApiError(f"Antwort auf {where} hat nicht die dokumentierte Form: {problem}")
        items.append(value)
    return items


def checked_list(value: Any, shape: Obj, where: str) -> list[dict[str, Any]]:
    """A list answer of one page (GET without pagination), each item checked like `checked_object`."""
    if not isinstance(value, list):
        raise ApiError(f"Antwort auf {where} hat nicht die dokumentierte Form: {_json_type(value)} statt Liste")
    return checked_items(value, shape, where)


def _problem(value: Any, shape: Shape, at: str) -> str | None:
    """The first place where `value` differs from `shape` ("owner: Text statt Objekt"), or None."""
    if value is None:
        return None  # optional or nullable: the fact is unknown
    if isinstance(shape, Value):
        if not isinstance(value, shape.kind) or (shape.kind is int and isinstance(value, bool)):
            return _say(at, f"{_json_type(value)} statt {shape.name}")
        return None if shape.valid(value) else _say(at, f"{shape.name}, aber {shape.wrong}")
    if isinstance(shape, Obj):
        if not isinstance(value, dict):
            return _say(at, f"{_json_type(value)} statt Objekt")
        for name, inner in shape.fields.items():
            problem = _problem(value.get(name), inner, f"{at}.{name}" if at else name)
            if problem:
                return problem
        return None
    if not isinstance(value, list):
        return _say(at, f"{_json_type(value)} statt Liste")
    if len(value) > shape.max_items:
        return _say(at, f"Liste mit {len(value)} Einträgen, mehr als {shape.max_items}")
    for index, item in enumerate(value):
        problem = _problem(item, shape.item, f"{at}[{index}]") if item is not None else _say(f"{at}[{index}]", "null in einer Liste")
        if problem:
            return problem
    return None


def _say(at: str, what: str) -> str:
    return f"{at}: {what}" if at else what


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "Zahl"
    names: dict[type, str] = {str: "Text", list: "Liste", dict: "Objekt"}
    return names.get(type(value), type(value).__name__)


# --- what the harvest reads, per host (field names from the hosts' REST API references) -------------------------

OWNER = Obj({"login": TEXT})
TOPICS = Items(TEXT, max_items=100)


def owner_repo(stars_key: str) -> Obj:
    """GET /repos/{owner}/{repo} on GitHub (stargazers_count) and Gitea/Forgejo (stars_count)."""
    return Obj(
        {
            stars_key: COUNT,
            "forks_count": COUNT,
            "open_issues_count": COUNT,
            "archived": FLAG,
            "description": TEXT,
            "topics": TOPICS,
            "owner": OWNER,
            "fork": FLAG,
            "parent": Obj({"html_url": TEXT}),
        }
    )


OWNER_REPO_RELEASE = Obj({"published_at": TIME, "draft": FLAG})
OWNER_REPO_FORK = Obj({"owner": OWNER})
OWNER_REPO_ISSUE = Obj({"number": COUNT, "created_at": TIME, "comments": COUNT, "pull_request": Obj()})
COMMENT = Obj({"created_at": TIME})

GITLAB_PROJECT = Obj(
    {
        "star_count": COUNT,
        "forks_count": COUNT,
        "open_issues_count": COUNT,
        "archived": FLAG,
        "description": TEXT,
        "topics": TOPICS,
        "tag_list": TOPICS,
        "namespace": Obj({"full_path": TEXT}),
        "forked_from_project": Obj({"web_url": TEXT}),
    }
)
GITLAB_RELEASE = Obj({"released_at": TIME})
GITLAB_FORK = Obj({"namespace": Obj({"full_path": TEXT})})
GITLAB_ISSUE = Obj({"iid": COUNT, "created_at": TIME, "user_notes_count": COUNT})
GITLAB_NOTE = Obj({"created_at": TIME, "system": FLAG})
