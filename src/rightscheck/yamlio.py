"""Safe YAML loading that remembers where every mapping and key came from.

Only PyYAML's safe loader is used (the C version when available): no tags that construct Python
objects are honoured. Mappings come back as :class:`LineDict`, a plain dict that also records the
1-based line of the mapping and of each of its keys, so that validation errors can name the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import RightscheckError

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A dict with the source line of the mapping (``line``) and of each key (``key_lines``)."""

    line: int = 0
    key_lines: dict[Any, int]


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,  # type: ignore[arg-type]
)


MAX_DEPTH = 40


def check_structure(text: str, *, file: str, error: type[RightscheckError]) -> None:
    """Refuse, before building anything, YAML that uses aliases (the shape of "billion laughs"
    bombs) or nests deeper than :data:`MAX_DEPTH` levels. One fast pass over the parser events."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            raise error(
                "YAML aliases (*name) are not accepted", file=file,
                line=event.start_mark.line + 1 if event.start_mark else None,
                fix="write the value out in full instead of referring to an anchor (&name)",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise error(
                    f"the YAML is nested more than {MAX_DEPTH} levels deep", file=file,
                    line=event.start_mark.line + 1 if event.start_mark else None,
                    fix="rightscheck files are shallow: check the indentation or brackets",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml_text(text: str, *, file: str, error: type[RightscheckError]) -> Any:
    """Parse YAML text safely; raise ``error`` naming the file and line on any problem."""
    try:
        check_structure(text, file=file, error=error)
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        fix = "check the indentation and quoting on that line"
        if "could not determine a constructor" in (exc.problem or ""):
            fix = "remove the tag: rightscheck reads plain YAML data only, never Python objects"
        raise error(f"not valid YAML: {problem}", file=file, line=line, fix=fix) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", file=file) from None


def load_yaml_file(path: Path, *, error: type[RightscheckError]) -> Any:
    """Read a UTF-8 YAML file and parse it with :func:`load_yaml_text`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error("file not found", file=str(path), fix="check the path") from None
    except UnicodeDecodeError:
        raise error("not UTF-8 text", file=str(path), fix="save the file as UTF-8") from None
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror}", file=str(path)) from None
    return load_yaml_text(text, file=str(path), error=error)


def line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The source line of the element at ``loc`` (a pydantic error location) inside ``data``."""
    best: int | None = getattr(data, "line", None) or None
    node = data
    for part in loc:
        if isinstance(node, LineDict):
            if part in node.key_lines:
                best = node.key_lines[part]
            if part not in node:
                break
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            best = getattr(node, "line", None) or best
        else:
            break
    return best
