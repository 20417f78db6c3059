"""The one place that reads YAML: strict, bounded, and with a line and column for every value.

Entries come from pull requests, so the reader refuses what YAML allows but an entry never needs:
anchors and aliases (alias bombs), tags (object construction), duplicate keys (PyYAML keeps the last
silently), several documents, and files over a size limit. Unquoted scalars are read with YAML 1.2's
core rules, and a plain scalar that a YAML 1.1 reader would turn into a boolean or a date is reported,
so the file means the same thing in every tool that reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20

Path = tuple[str | int, ...]
Position = tuple[int, int]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_YAML11_SURPRISES = {
    "tag:yaml.org,2002:bool": "the boolean {value}",
    "tag:yaml.org,2002:timestamp": "a date",
}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")


@dataclass(frozen=True)
class YamlProblem:
    """Something wrong with the YAML itself, at a 1-based line and column."""

    line: int
    column: int
    message: str
    field: str = ""


@dataclass
class YamlDocument:
    """A parsed mapping with the position of every key and value."""

    data: dict[str, Any]
    value_positions: dict[Path, Position] = field(default_factory=dict)
    key_positions: dict[Path, Position] = field(default_factory=dict)
    plain_text: dict[Path, str] = field(default_factory=dict)
    block_scalars: set[Path] = field(default_factory=set)
    flag_yaml11_scalars: bool = True
    problems: list[YamlProblem] = field(default_factory=list)

    def position(self, path: Path, *, key: bool = False) -> Position:
        """Where the value (or its key) at `path` stands; falls back to the nearest enclosing value."""
        table = self.key_positions if key else self.value_positions
        while path:
            if path in table:
                return table[path]
            if key and path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
        return self.value_positions.get((), (1, 1))


def dotted(path: Path) -> str:
    """`('used_by', 0, 'ags')` -> `used_by[0].ags`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_yaml_mapping(raw: bytes, *, flag_yaml11_scalars: bool = True) -> YamlDocument | list[YamlProblem]:
    """Parse one YAML mapping; return the document, or the problems that stop it from being read at all.

    With `flag_yaml11_scalars` off (for files of other standards, such as publiccode.yml), unquoted values that
    YAML 1.1 would re-type are read as YAML 1.2 reads them, without a problem reported.
    """
    if len(raw) > MAX_FILE_BYTES:
        return [YamlProblem(1, 1, f"file is {len(raw) / 1024:.0f} KB; an entry may be at most {MAX_FILE_BYTES // 1024} KB")]
    text_or_problem = _decode(raw)
    if isinstance(text_or_problem, YamlProblem):
        return [text_or_problem]
    text = text_or_problem
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        return [YamlProblem(1, 1, "file is empty; an entry is a mapping of fields such as 'name:' and 'repositories:'")]
    try:
        refused = _refuse_unneeded_features(text)
        if refused:
            return refused
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return [_syntax_problem(error, text)]
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return [YamlProblem(line, column, f"the file contains the control character {_codepoint(error.character)}; remove it")]
    except yaml.YAMLError as error:
        return [YamlProblem(1, 1, "YAML could not be read: " + " ".join(str(error).split()))]
    except RecursionError:
        return [YamlProblem(1, 1, f"nesting is deeper than {MAX_DEPTH} levels")]
    if node is None:
        return [YamlProblem(1, 1, "file is empty; an entry is a mapping of fields such as 'name:' and 'repositories:'")]
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        return [YamlProblem(_line(node), _col(node), f"the file holds {kind}; an entry must be a mapping of fields such as 'name: ...'")]
    document = YamlDocument(data={}, flag_yaml11_scalars=flag_yaml11_scalars)
    document.value_positions[()] = (_line(node), _col(node))
    value = _convert(node, (), document)
    if document.problems and not isinstance(value, dict):
        return document.problems
    document.data = value
    return document


def _decode(raw: bytes) -> str | YamlProblem:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return YamlProblem(line, column, f"file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")


def _refuse_unneeded_features(text: str) -> list[YamlProblem]:
    problems: list[YamlProblem] = []
    documents = 0
    event: Any
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                problems.append(YamlProblem(mark.line + 1, mark.column + 1, "the file holds several YAML documents ('---'); an entry is one document"))
        elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problems.append(YamlProblem(mark.line + 1, mark.column + 1, "anchors and aliases (& and *) are not allowed in entries; write the value out"))
        elif getattr(event, "tag", None) and event.tag != "!":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(YamlProblem(mark.line + 1, mark.column + 1, f"YAML tag {tag} is not allowed in entries; remove it"))
        if len(problems) >= 20:
            break
    return problems


def _codepoint(character: str | int) -> str:
    return f"U+{character if isinstance(character, int) else ord(character):04X}"


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or "invalid YAML"
    if mark and text[mark.index : mark.index + 1] == "\t":
        return YamlProblem(line, column, "a tab character is used for indentation; YAML allows only spaces")
    context = f" {error.context}" if error.context else ""
    return YamlProblem(line, column, " ".join(f"YAML syntax error: {problem}{context}".split()))


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _col(node: yaml.Node) -> int:
    return int(node.start_mark.column) + 1


def _convert(node: yaml.Node, path: Path, document: YamlDocument) -> Any:
    document.value_positions[path] = (_line(node), _col(node))
    if len(path) > MAX_DEPTH:
        document.problems.append(YamlProblem(_line(node), _col(node), f"nesting is deeper than {MAX_DEPTH} levels", dotted(path)))
        return None
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, document)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, index), document) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)  # the YAML node kinds are exhaustive
    return _convert_scalar(node, path, document)


def _convert_mapping(node: yaml.MappingNode, path: Path, document: YamlDocument) -> dict[str, Any]:
    result: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            document.problems.append(YamlProblem(_line(key_node), _col(key_node), "a key must be a plain name, not a list or mapping", dotted(path)))
            continue
        key = str(key_node.value)
        child = (*path, key)
        if key in first_line:
            document.problems.append(
                YamlProblem(
                    _line(key_node), _col(key_node), f"duplicate key '{key}' (first defined at line {first_line[key]}); keep one of them", dotted(child)
                )
            )
            continue
        first_line[key] = _line(key_node)
        document.key_positions[child] = (_line(key_node), _col(key_node))
        result[key] = _convert(value_node, child, document)
    return result


def _convert_scalar(node: yaml.ScalarNode, path: Path, document: YamlDocument) -> Any:
    text = str(node.value)
    if node.style in ("|", ">"):
        document.block_scalars.add(path)
    if node.style:  # quoted or block scalar: always text (the C loader marks plain as "")
        return text
    document.plain_text[path] = text
    value = _core_schema_value(text)
    surprise = _YAML11_SURPRISES.get(node.tag) if document.flag_yaml11_scalars else None
    if isinstance(value, str) and surprise:
        reading = surprise.format(value=str(yaml.safe_load(text)).lower())
        document.problems.append(
            YamlProblem(_line(node), _col(node), f'YAML 1.1 readers take the unquoted value {text} as {reading}; write it in quotes: "{text}"', dotted(path))
        )
    return value


def _core_schema_value(text: str) -> Any:
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
    if _FLOAT.match(text):
        return float(text)
    return text
