"""Read a survey file's bytes into a tree of values that remember their line, refusing unsafe files.

YAML goes through PyYAML's safe loader only. Its event stream is checked first: anchors and
aliases (the "billion laughs" trick), explicit tags, more than one document and deep nesting
are refused before anything is built. JSON goes through Python's own JSON decoder, so a
JSON file means exactly what JSON says (YAML 1.1 would read `1e5` as words); a small hook
on the decoder's scanner records the line each value starts on. Both give the same `Node`
tree, so the rest of the schema reads YAML and JSON alike.
"""

import json
from bisect import bisect_right
from dataclasses import dataclass, field
from json.decoder import WHITESPACE, JSONArray, JSONObject
from json.scanner import py_make_scanner

import yaml

from app.services.definitions.schema import MAX_FILE_BYTES, DefinitionRefused, Problem

# Survey → questions → question → options → option → translations → language: 7 levels.
MAX_DEPTH = 12
_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


@dataclass
class Node:
    """One value from the file: words, a number, a list of nodes or a mapping of keys to nodes."""

    value: object
    line: int | None
    # How a plain YAML scalar was written, when YAML read it as something other than words.
    raw: str | None = None
    key_lines: dict[str, int | None] = field(default_factory=dict)


def read(text: str | bytes, *, filename: str) -> Node:
    """Return the file's tree of values, or refuse a file that is too big, unsafe or unreadable."""
    kind = _SUFFIXES.get(_suffix(filename))
    if kind is None:
        raise DefinitionRefused(
            [Problem(f"Heard reads survey files ending .yaml, .yml or .json, not '{filename}'.")]
        )
    words = _decode(text)
    if not words.strip():
        raise DefinitionRefused([Problem("The file is empty.")])
    problems: list[Problem] = []
    tree = _read_json(words, problems) if kind == "json" else _read_yaml(words, problems)
    if problems:
        raise DefinitionRefused(problems)
    return tree


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot >= 0 else ""


def _decode(text: str | bytes) -> str:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if len(data) > MAX_FILE_BYTES:
        raise DefinitionRefused(
            [Problem(f"The file is {len(data) / 1048576:.1f} MB. Survey files can be up to 1 MB.")]
        )
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problem = "The file is not written in UTF-8. Save it again as UTF-8 and try again."
        raise DefinitionRefused([Problem(problem, line=line)]) from None


def _read_yaml(words: str, problems: list[Problem]) -> Node | None:
    try:
        _check_events(words, problems)
        if problems:
            return None
        loader = yaml.SafeLoader(words)
        try:
            root = loader.get_single_node()
            if root is None:
                problems.append(Problem("The file has only comments in it, no survey."))
                return None
            return _from_yaml(root, loader, problems)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problems.append(Problem(f"This is not valid YAML: {error.problem}.", line=line))
    except yaml.YAMLError as error:
        problems.append(Problem(f"This is not valid YAML: {error}."))
    return None


def _check_events(words: str, problems: list[Problem]) -> None:
    """Refuse anchors, aliases, tags, several documents and deep nesting, before composing."""
    depth = documents = 0
    for event in yaml.parse(words, Loader=yaml.SafeLoader):
        documents += isinstance(event, yaml.DocumentStartEvent)
        depth += isinstance(event, yaml.CollectionStartEvent)
        depth -= isinstance(event, yaml.CollectionEndEvent)
        message = _event_problem(event, depth, documents)
        if message:
            problems.append(Problem(message, line=event.start_mark.line + 1))
            return


def _event_problem(event: yaml.Event, depth: int, documents: int) -> str | None:
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        return _NO_ANCHORS
    if getattr(event, "tag", None):
        return f"Tags such as '{event.tag}' are not used in survey files."
    if depth > MAX_DEPTH:
        return "The file is nested too deeply to be a survey."
    if documents > 1:
        return "The file holds more than one document. Put one survey in each file."
    return None


_NO_ANCHORS = (
    "YAML anchors and aliases (& and *) are not allowed in survey files. "
    "Write each value out in full."
)


def _from_yaml(node: yaml.Node, loader: yaml.SafeLoader, problems: list[Problem]) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = Node({}, line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Problem("A key must be a single word, such as title.", line=key_line)
                )
                continue
            _add_key(
                mapping,
                key_node.value,
                key_line,
                _from_yaml(value_node, loader, problems),
                problems,
            )
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return Node([_from_yaml(item, loader, problems) for item in node.value], line)
    try:
        value = loader.construct_object(node)
    except (ValueError, yaml.YAMLError):
        value = node.value  # such as 2025-13-45: not a date after all, so words
    raw = node.value if node.style is None and not isinstance(value, str) else None
    return Node(value, line, raw)


def _add_key(
    mapping: Node, key: str, line: int | None, value: Node, problems: list[Problem]
) -> None:
    if key in mapping.value:
        problems.append(
            Problem(f"The key '{key}' appears twice here. Keep one of them.", line=line)
        )
        return
    mapping.value[key] = value
    mapping.key_lines[key] = line


def _read_json(words: str, problems: list[Problem]) -> Node | None:
    newlines = [index for index, character in enumerate(words) if character == "\n"]
    decoder = _LineScanner(lambda index: bisect_right(newlines, index - 1) + 1, problems)
    try:
        start = WHITESPACE.match(words, 0).end()
        tree, end = decoder.scan(words, start)
        if WHITESPACE.match(words, end).end() != len(words):
            raise json.JSONDecodeError("Extra data", words, end)
        return tree
    except json.JSONDecodeError as error:
        problems.append(Problem(f"This is not valid JSON: {error.msg}.", line=error.lineno))
    except StopIteration as stop:
        problems.append(
            Problem("This is not valid JSON: a value is missing.", line=decoder.line_of(stop.value))
        )
    except RecursionError:
        problems.append(Problem("The file is nested too deeply to be a survey."))
    except ValueError:  # a number of thousands of digits (docs/bad-input.md BAD-31)
        problems.append(Problem("This is not valid JSON: a number is far too long."))
    return None


class _LineScanner:
    """Python's JSON scanner, with every value wrapped in a Node that knows its line."""

    def __init__(self, line_of, problems: list[Problem]) -> None:
        self.line_of = line_of
        self.problems = problems
        base = json.JSONDecoder(object_pairs_hook=self._mapping)
        base.parse_object = self._object
        base.parse_array = self._array
        self._scan_once = py_make_scanner(base)

    def scan(self, words: str, index: int) -> tuple[Node, int]:
        value, end = self._scan_once(words, index)
        return (value if isinstance(value, Node) else Node(value, self.line_of(index))), end

    def _object(self, s_and_end, strict, _scan, object_hook, object_pairs_hook, memo):
        value, end = JSONObject(s_and_end, strict, self.scan, object_hook, object_pairs_hook, memo)
        value.line = self.line_of(s_and_end[1] - 1)
        return value, end

    def _array(self, s_and_end, _scan):
        value, end = JSONArray(s_and_end, self.scan)
        return Node(value, self.line_of(s_and_end[1] - 1)), end

    def _mapping(self, pairs: list[tuple[str, Node]]) -> Node:
        mapping = Node({}, None)
        for key, value in pairs:
            _add_key(mapping, key, value.line, value, self.problems)
        return mapping
