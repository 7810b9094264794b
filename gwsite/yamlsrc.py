"""YAML that remembers lines: every mapping knows the line of each of its keys.

Messages name ``path:line`` of the key at fault, so the loader keeps the line numbers
that PyYAML's nodes carry but its plain ``safe_load`` throws away.
"""
from __future__ import annotations

import os
import re
import sys

import yaml

from .diagnostics import Location, Problem, error


class LinedDict(dict):
    """A dict from YAML with ``line`` (its own first line) and ``key_lines``."""

    line: int = 1
    key_lines: dict

    def line_of(self, key, default: int | None = None) -> int:
        return self.key_lines.get(key, default if default is not None else self.line)


class LinedList(list):
    """A list from YAML with the line of each item in ``item_lines``."""

    item_lines: list


class _Loader(yaml.SafeLoader):
    """The pure-Python loader: its error messages are the ones users see."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, on libyaml's parser where PyYAML has it (about ten times faster)."""


_STR = "tag:yaml.org,2002:str"


def _construct_child(loader: _Loader, node: yaml.Node):
    """The value of a key or an item.  A string is taken straight from its node, which is
    what PyYAML's construct_yaml_str returns, without its three calls per string: most
    values are strings, and construction was a third of reading a notice."""
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LinedList:
    result = LinedList(_construct_child(loader, child) for child in node.value)
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    mapping = LinedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = _construct_child(loader, key_node)
        if isinstance(key, str):
            # The same few keys in every file: one object each, in memory and in the
            # build cache (whose loading makes every object again).
            key = sys.intern(key)
        elif not isinstance(key, (int, float, bool)) and key is not None:
            key = str(key)
        if key in mapping.key_lines:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        mapping[key] = _construct_child(loader, value_node)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    """A date-looking scalar that is no date (2025-13-01) stays text, so that the
    reader can name it instead of PyYAML failing without a line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class _LocatingLoader(_Loader):
    """The pure-Python loader, for messages only: a value that PyYAML's constructors fail
    on with a plain Python error (``!!int abc``, ``!!bool maybe``, ``!!seq x``) becomes
    a marked error at its node, as a syntax error is."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            tag = "!!" + node.tag.rpartition(":")[2]
            what = repr(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
            raise yaml.constructor.ConstructorError(None, None, f"cannot read {what} as {tag}",
                                                    node.start_mark) from exc


NOT_UTF8_HINT = "save it as UTF-8 (in WPS/Notepad: 另存为, 编码 UTF-8)"
_HAN = re.compile("[\u4e00-\u9fff]")


def read_source(path, rel: str) -> tuple[str | None, list[Problem]]:
    """The text of a file the user writes (site.yaml, a notice, a page, a template), or
    None and the problem that says why there is none, located at ``rel`` (the file as
    messages name it): a file that cannot be read, or is not UTF-8.  A UTF-8 BOM, which
    Notepad puts first, is dropped.  (Notepad and WPS on a Chinese Windows save GB18030
    unless told otherwise: issue 18 found site.yaml ending in a traceback.)"""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except IsADirectoryError:
        return None, [error(Location(rel), "this is a folder, not a file",
                            f"rename or move the folder, and keep {os.path.basename(rel)} a text file")]
    except OSError as exc:
        return None, [error(Location(rel), f"cannot read this file: {exc.strerror or exc}",
                            "check that it exists and that the account running gwsite may read it")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if exc.end == len(raw) and exc.reason == "unexpected end of data":
            return None, [error(Location(rel, line), "file is not UTF-8 text: it ends in the middle of a character",
                                "a copy cut short? copy the file again, or retype the end of its last line")]
        return None, [error(Location(rel, line), "file is not UTF-8 text" + _encoding_guess(raw, exc), NOT_UTF8_HINT)]


def _encoding_guess(raw: bytes, exc: UnicodeDecodeError) -> str:
    """What a file that is not UTF-8 most likely is, as the end of the message: judged
    by the line that is not (the rest may be UTF-8, a line pasted from another file)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return ": it is UTF-16 (Notepad's 'Unicode')"
    start = raw.rfind(b"\n", 0, exc.start) + 1
    end = raw.find(b"\n", exc.start)
    try:
        text = raw[start: end if end >= 0 else len(raw)].decode("gb18030")
    except UnicodeDecodeError:
        return ""
    if _HAN.search(text):
        return ": it looks like GB18030/GBK, which Notepad and WPS save on a Chinese Windows"
    return ""


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[object, list[Problem]]:
    """Parse ``text``; lines in problems count from ``first_line`` (for front matter).

    Returns ``(None, [problem])`` on a syntax error, naming the line PyYAML points at.
    """
    try:
        data = yaml.load(text, Loader=_FastLoader)  # noqa: S506 - SafeLoader subclass
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        # Parse again with the pure-Python loader, whose messages do not depend on
        # whether this PyYAML was built with libyaml.  (The Python errors come from
        # PyYAML's constructors on an explicit tag, ``!!int abc``; RecursionError from
        # brackets nested a thousand deep.)
        return None, _syntax_problems(text, path, first_line)
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data, []


def _syntax_problems(text: str, path: str, first_line: int) -> list[Problem]:
    try:
        yaml.load(text, Loader=_LocatingLoader)  # noqa: S506 - SafeLoader subclass
    except RecursionError:
        return [error(Location(path, _too_deep(text) + first_line - 1),
                      "YAML syntax error: lists or mappings nested too deeply",
                      "check the brackets [ ] and { } on this line")]
    except yaml.reader.ReaderError as exc:  # not marked: its position is a character's index
        line = text[: exc.position].count("\n") + first_line
        return [error(Location(path, line), f"YAML syntax error: the control character U+{exc.character:04X} "
                                            "is not allowed in YAML text",
                      "delete it: most editors show it as nothing or as a box")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = exc.problem or exc.context or "invalid YAML"
        hint = ("keep only one of them" if "duplicate key" in what
                else "correct the value, or remove the tag" if what.startswith("cannot read")
                else "check indentation and quote values that contain ': ' or '#'")
        return [error(Location(path, line), f"YAML syntax error: {what}", hint)]
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        return [error(Location(path, first_line), f"YAML syntax error: {exc}")]
    return [error(Location(path, first_line), "YAML syntax error")]  # pragma: no cover


def _too_deep(text: str, limit: int = 200) -> int:
    """The line (from 1) where lists and mappings first nest ``limit`` deep: PyYAML's
    parser, unlike its composer, does not recurse."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth >= limit:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except (yaml.YAMLError, RecursionError):
        pass
    return 1


def _shift_lines(data, by: int) -> None:
    if isinstance(data, LinedDict):
        data.line += by
        data.key_lines = {k: v + by for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, by)
    elif isinstance(data, list):
        if isinstance(data, LinedList):
            data.item_lines = [line + by for line in data.item_lines]
        for value in data:
            _shift_lines(value, by)


def check_keys(mapping: LinedDict, path: str, known: tuple[str, ...], required: tuple[str, ...],
               what: str) -> list[Problem]:
    """Unknown keys (with a did-you-mean) and missing required keys of one mapping."""
    from .diagnostics import did_you_mean

    problems = []
    for key in mapping:
        if key not in known:
            problems.append(error(Location(path, mapping.line_of(key)),
                                  f"unknown key '{key}' in {what}{did_you_mean(key, known)}"))
    for key in required:
        if key not in mapping or mapping[key] in (None, ""):
            at = mapping.line_of(key) if key in mapping else mapping.line
            problems.append(error(Location(path, at), f"missing required key '{key}' in {what}"))
    return problems
