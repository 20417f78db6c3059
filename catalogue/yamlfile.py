"""The one place that reads YAML: strict, bounded, and with a line and column for every value.

Entries come from pull requests, so the reader refuses what YAML allows but an entry never needs:
anchors and aliases (alias bombs), tags (object construction), duplicate keys (PyYAML keeps the last
silently), several documents, and files over a size limit. Unquoted scalars are read with YAML 1.2's
core rules, and a plain scalar that a YAML 1.1 reader would turn into a boolean or a date is reported,
so the file means the same thing in every tool that reads it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from catalogue.messages import Language, msg, msg_in

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20

Path = tuple[str | int, ...]
Position = tuple[int, int]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_YAML11_BOOL, _YAML11_DATE = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"
_YAML11_TRUE = ("y", "yes", "on", "true")
# Longer numbers are refused before conversion: no field takes them, and Python converts at most 4,300 digits.
MAX_NUMBER_DIGITS = 40
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")


@dataclass(frozen=True)
class YamlProblem:
    """Something wrong with the YAML itself, at a 1-based line and column."""

    line: int
    column: int
    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    field: str = ""

    @property
    def message(self) -> str:
        """The problem in the current language."""
        return msg(self.key, **self.params)

    def message_in(self, language: Language) -> str:
        return msg_in(language, self.key, **self.params)


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
        return [YamlProblem(1, 1, "yaml.too_big", {"size": round(len(raw) / 1024), "limit": MAX_FILE_BYTES // 1024})]
    text_or_problem = _decode(raw)
    if isinstance(text_or_problem, YamlProblem):
        return [text_or_problem]
    text = text_or_problem
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        return [YamlProblem(1, 1, "yaml.empty")]
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
        return [YamlProblem(line, column, "yaml.control_character", {"codepoint": _codepoint(error.character)})]
    except yaml.YAMLError as error:
        return [YamlProblem(1, 1, "yaml.unreadable", {"detail": " ".join(str(error).split())})]
    except RecursionError:
        return [YamlProblem(1, 1, "yaml.too_deep", {"limit": MAX_DEPTH})]
    if node is None:
        return [YamlProblem(1, 1, "yaml.empty")]
    if not isinstance(node, yaml.MappingNode):
        return [YamlProblem(_line(node), _col(node), "yaml.holds_list" if isinstance(node, yaml.SequenceNode) else "yaml.holds_value")]
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
        return YamlProblem(line, column, "yaml.not_utf8", {"byte": f"0x{raw[error.start]:02x}"})


def _refuse_unneeded_features(text: str) -> list[YamlProblem]:
    problems: list[YamlProblem] = []
    documents = 0
    event: Any
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                problems.append(YamlProblem(mark.line + 1, mark.column + 1, "yaml.several_documents"))
        elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problems.append(YamlProblem(mark.line + 1, mark.column + 1, "yaml.anchor"))
        elif getattr(event, "tag", None) and event.tag != "!":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(YamlProblem(mark.line + 1, mark.column + 1, "yaml.tag", {"tag": tag}))
        if len(problems) >= 20:
            break
    return problems


def _codepoint(character: str | int) -> str:
    return f"U+{character if isinstance(character, int) else ord(character):04X}"


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """The parser's complaint in plain words, at the line where the cause is (an unclosed quote: where it opens)."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem, context = str(error.problem or ""), str(error.context or "")
    if mark and text[mark.index : mark.index + 1] == "\t":
        return YamlProblem(line, column, "yaml.syntax.tab")
    quote = _unclosed_quote(error, text)
    if quote is not None:
        quote_line, quote_column, character = quote
        return YamlProblem(quote_line, quote_column, "yaml.syntax.unclosed_quote", {"quote": character, "line": quote_line, "column": quote_column})
    if problem.startswith("mapping values are not allowed"):
        return YamlProblem(line, column, "yaml.syntax.colon_in_value")
    if "could not find expected ':'" in problem and error.context_mark:
        return YamlProblem(error.context_mark.line + 1, error.context_mark.column + 1, "yaml.syntax.no_colon")
    if "cannot start any token" in problem and mark:
        return YamlProblem(line, column, "yaml.syntax.reserved_start", {"character": text[mark.index : mark.index + 1]})
    if "depth" in problem or "nesting" in problem:
        return YamlProblem(line, column, "yaml.too_deep", {"limit": MAX_DEPTH})
    if "flow" in context and error.context_mark:
        return YamlProblem(line, column, "yaml.syntax.flow_not_closed", {"line": error.context_mark.line + 1})
    if "block scalar" in context:
        return YamlProblem(line, column, "yaml.syntax.block_header")
    if "block mapping" in context or "block collection" in context:
        before = text[: mark.index] if mark else ""
        after_quote = bool(re.search(r"""["'][ \t]*$""", before.rsplit("\n", 1)[-1]))
        return YamlProblem(line, column, "yaml.syntax.text_after_quote" if after_quote else "yaml.syntax.indentation")
    return YamlProblem(line, column, "yaml.syntax.other", {"detail": " ".join(f"{problem} {context}".split())})


def _unclosed_quote(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """Where a quote opens that is not closed on its line, when that quote is what broke the file."""
    if str(error.context or "").startswith("while scanning a quoted scalar") and error.context_mark:
        mark = error.context_mark
        return mark.line + 1, mark.column + 1, text[mark.index : mark.index + 1]
    error_line = error.problem_mark.line if error.problem_mark else None
    opened: tuple[int, int, str] | None = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.end_mark.line > token.start_mark.line:
                start = token.start_mark
                opened = (start.line + 1, start.column + 1, token.style)
    except yaml.YAMLError:
        pass
    # A quoted text over several lines is legal YAML but never meant in an entry: it swallowed the lines below.
    return opened if opened is not None and error_line is not None and opened[0] <= error_line + 1 else None


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _col(node: yaml.Node) -> int:
    return int(node.start_mark.column) + 1


def _convert(node: yaml.Node, path: Path, document: YamlDocument) -> Any:
    document.value_positions[path] = (_line(node), _col(node))
    if len(path) > MAX_DEPTH:
        document.problems.append(YamlProblem(_line(node), _col(node), "yaml.too_deep", {"limit": MAX_DEPTH}, dotted(path)))
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
            document.problems.append(YamlProblem(_line(key_node), _col(key_node), "yaml.key_not_plain", field=dotted(path)))
            continue
        key = str(key_node.value)
        child = (*path, key)
        if key in first_line:
            document.problems.append(
                YamlProblem(_line(key_node), _col(key_node), "yaml.duplicate_key", {"key": key, "first_line": first_line[key]}, dotted(child))
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
    if len(text) > MAX_NUMBER_DIGITS and (_INT.match(text) or _FLOAT.match(text)):
        document.problems.append(YamlProblem(_line(node), _col(node), "yaml.huge_number", {"start": text[:12], "digits": len(text)}, dotted(path)))
        return text
    value = _core_schema_value(text)
    if isinstance(value, str) and document.flag_yaml11_scalars and node.tag in (_YAML11_BOOL, _YAML11_DATE):
        # Only the tag the resolver chose is used: the YAML 1.1 value itself is never built (2021-02-30 is no date).
        if node.tag == _YAML11_BOOL:
            params = {"text": text, "value": "true" if text.lower() in _YAML11_TRUE else "false"}
            document.problems.append(YamlProblem(_line(node), _col(node), "yaml.yaml11_boolean", params, dotted(path)))
        else:
            document.problems.append(YamlProblem(_line(node), _col(node), "yaml.yaml11_date", {"text": text}, dotted(path)))
    return value


def is_date(text: str) -> bool:
    """Whether `text` is a real calendar date written as YYYY-MM-DD."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _core_schema_value(text: str) -> Any:
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
    if text.lower() in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text.lower()]
    if _FLOAT.match(text):
        return float(text)
    return text
