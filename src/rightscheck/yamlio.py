"""Safe YAML loading: fast, and able to say where things are when something is wrong.

Only PyYAML's safe loader is used (the C version when available): no tag that constructs a Python
object is honoured. One pass over the parser's events first refuses aliases (the shape of
"billion laughs" bombs), nesting deeper than :data:`MAX_DEPTH` and duplicate keys. The data is
then built by the plain safe loader; only when a caller needs to name a line (a validation error,
a rule's position) is the document loaded again as :class:`LineDict` mappings that remember the
line of each mapping and key.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RightscheckError

if TYPE_CHECKING:
    import yaml

MAX_DEPTH = 40
_ID_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?id:[ \t]*[\"']?([^\"'\s#]+)", re.MULTILINE)


class LineDict(dict):
    """A dict with the source line of the mapping (``line``) and of each key (``key_lines``)."""

    line: int = 0
    key_lines: dict[Any, int]


@cache
def _loaders() -> tuple[type, type]:
    """PyYAML's safe loader (the C one when present), and the same loader making :class:`LineDict`
    mappings. PyYAML is imported here, on first use: a check that reads no YAML (its packs from the
    pack cache, a plain-text draft) does not import it, a twentieth of its cold start."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        pass

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return base, LineLoader


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    import yaml

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
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark else None


def check_structure(text: str, *, file: str, error: type[RightscheckError]) -> None:
    """Refuse aliases, deep nesting and duplicate keys, before anything is built."""
    import yaml

    stack: list[list[Any]] = []  # [is_mapping, nodes seen, keys]

    def node_done() -> None:
        if stack and stack[-1][0]:
            stack[-1][1] += 1

    for event in yaml.parse(text, Loader=_loaders()[0]):
        if isinstance(event, yaml.AliasEvent):
            raise error(
                "YAML aliases (*name) are not accepted", file=file, line=_line(event),
                fix="write the value out in full instead of referring to an anchor (&name)",
            )
        if isinstance(event, yaml.ScalarEvent):
            top = stack[-1] if stack else None
            if top is not None and top[0] and top[1] % 2 == 0:
                if event.value in top[2]:
                    raise error(f"duplicate key {event.value!r}", file=file, line=_line(event),
                                fix="each key may appear once in a mapping")
                top[2].add(event.value)
            node_done()
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise error(
                    f"the YAML is nested more than {MAX_DEPTH} levels deep", file=file, line=_line(event),
                    fix="rightscheck files are shallow: check the indentation or brackets",
                )
            stack.append([isinstance(event, yaml.MappingStartEvent), 0, set()])
        elif isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            node_done()


def _parse(text: str, loader: type, file: str, error: type[RightscheckError]) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        fix = "check the indentation and quoting on that line"
        if "could not determine a constructor" in (exc.problem or ""):
            fix = "remove the tag: rightscheck reads plain YAML data only, never Python objects"
        raise error(f"not valid YAML: {problem}", file=file, line=mark.line + 1 if mark else None,
                    fix=fix) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", file=file) from None


class YamlDoc:
    """A checked YAML document: ``data`` (plain dicts and lists), and on demand ``lines`` (the
    same data as :class:`LineDict`) and the lines where ``id:`` keys stand."""

    def __init__(self, text: str, *, file: str, error: type[RightscheckError]) -> None:
        import yaml

        self.text, self.file, self.error = text, file, error
        try:
            check_structure(text, file=file, error=error)
        except yaml.MarkedYAMLError:
            pass  # the parse below reports it with its line
        except yaml.YAMLError as exc:
            raise error(f"not valid YAML: {exc}", file=file) from None
        self.data = _parse(text, _loaders()[0], file, error)

    @cached_property
    def lines(self) -> Any:
        return _parse(self.text, _loaders()[1], self.file, self.error)

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        return line_of(self.lines, loc)

    @cached_property
    def id_lines(self) -> dict[str, int]:
        """Line of the first ``id:`` key with each value (rules and provisions start there)."""
        found: dict[str, int] = {}
        line, last = 1, 0
        for m in _ID_LINE.finditer(self.text):
            line += self.text.count("\n", last, m.start())
            last = m.start()
            found.setdefault(m.group(1), line)
        return found


def load_yaml_text(text: str, *, file: str, error: type[RightscheckError]) -> YamlDoc:
    """Check and parse YAML text safely; raise ``error`` naming the file and line on any problem."""
    return YamlDoc(text, file=file, error=error)


def load_yaml_file(path: Path, *, error: type[RightscheckError]) -> YamlDoc:
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
