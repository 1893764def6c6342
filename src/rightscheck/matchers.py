"""Compiled matchers: one class per matcher kind of the rule language.

A matcher is compiled once per rule pack and evaluated per provision on a :class:`Context`.
It answers with a :class:`Result`: whether it matched and which ranges of the *normalised* text
it matched (absence matchers match with no ranges). Results are cached per provision, so a
vocabulary used by many rules is searched once.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from . import regexes
from .morphology import KeyText, Morphology
from .penalty import Penalty
from .prefilter import Gated
from .regex_union import atoms, branches, union
from .schema import Matcher, Near, PenaltyTest
from .text import NormText, Range, inside

_WORD = re.compile(r"\w+")


class Result(NamedTuple):
    """What a matcher found: whether it matched, and where (a tuple: made hundreds of times for
    each provision, so made cheaply)."""

    matched: bool
    hits: tuple[Range, ...] = ()


NO_MATCH = Result(False)


@dataclass(frozen=True)
class Inheritance:
    """A term this provision uses that another provision of its document defines."""

    term: str
    provision: str
    rules: tuple[str, ...]
    categories: frozenset[str]
    tests: frozenset[str]


@dataclass(frozen=True)
class DefinedTerms:
    """Whole-word occurrences of defined terms in their inflected forms (see
    :meth:`Morphology.inflected`), all found in one scan."""

    terms: tuple[str, ...]
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, terms: Iterable[str], morphology: Morphology) -> DefinedTerms:
        """Matched in the key text of ``morphology``: stem by stem in a stemming language (so a
        defined "экстремистские материалы" recurs as "экстремистских материалов", and
        "العمل الإرهابي" as "عمل إرهابي"); elsewhere the term with the lexicon's endings."""
        ordered = tuple(sorted(set(terms), key=len, reverse=True))
        if not ordered:
            return cls(ordered, None)
        if morphology.stems:
            groups = "|".join(f"(?P<t{i}>{morphology.term_pattern(t)})" for i, t in enumerate(ordered))
            return cls(ordered, re.compile(groups))
        groups = "|".join(f"(?P<t{i}>{morphology.inflected(t)})" for i, t in enumerate(ordered))
        if morphology.characters:  # no word boundaries in a language written without spaces
            return cls(ordered, re.compile("(?:" + groups + ")"))
        return cls(ordered, re.compile(r"(?<!\w)(?:" + groups + r")(?!\w)"))

    def used_in(self, key: KeyText) -> set[str]:
        """The terms (as defined) a text uses (``key``: its key text)."""
        if self.pattern is None:
            return set()
        return {self.terms[int(m.lastgroup[1:])] for m in self.pattern.finditer(key.text) if m.lastgroup}

    def occurrences(self, key: KeyText) -> list[Range]:
        """Where the terms occur, as ranges of the normalised text."""
        if self.pattern is None:
            return []
        return [key.to_norm(m.start(), m.end()) for m in self.pattern.finditer(key.text) if m.end() > m.start()]


@dataclass
class Context:
    """Everything a matcher may look at for one provision."""

    nt: NormText
    penalty: Penalty
    # scopes the provision engages, each named "pack:scope" so that packs never share a scope name
    engages: frozenset[str] = frozenset()
    defined: list[Range] = field(default_factory=list)  # occurrences of terms the text defines
    saving: list[Range] = field(default_factory=list)  # saving and exclusion clauses
    optional: list[Range] = field(default_factory=list)  # clauses a State may opt into
    # The document the provision belongs to, when the input holds several of its provisions:
    # the terms any of them defines, and the definitions elsewhere that drew findings.
    document_defined: frozenset[str] | None = None
    inherited: list[Inheritance] = field(default_factory=list)
    language: str = "en"
    morphology: Morphology = field(default_factory=Morphology)  # of the provision's language
    cache: dict[Compiled, Result] = field(default_factory=dict)  # by matcher (hashed by identity)
    term_hits: dict[TermIndex, dict[int, list[Range]]] = field(default_factory=dict)  # by index (identity)
    lists_hit: dict[TermIndex, frozenset[int]] = field(default_factory=dict)
    key_texts: dict[int, KeyText] = field(default_factory=dict)

    @property
    def norm(self) -> str:
        return self.nt.norm

    def lists_found(self, index: TermIndex) -> frozenset[int]:
        """The term lists of ``index`` with words in the text."""
        found = self.lists_hit.get(index)
        if found is None:
            found = self.lists_hit[index] = frozenset(index.hits(self))
        return found

    def key_text(self, morphology: Morphology) -> KeyText:
        """The text as the terms of a language see it (stems for a stemming language)."""
        key = id(morphology)
        found = self.key_texts.get(key)
        if found is None:
            found = self.key_texts[key] = morphology.key_text(self.nt.norm)
        return found


class Compiled:
    """Base class: evaluation with per-provision caching."""

    def __call__(self, ctx: Context) -> Result:
        cached = ctx.cache.get(self)
        if cached is None:
            cached = ctx.cache[self] = self.evaluate(ctx)
        return cached

    def evaluate(self, ctx: Context) -> Result:  # pragma: no cover - abstract
        raise NotImplementedError

    def needs(self) -> frozenset[int] | None:
        """Term lists (of the pack's :class:`TermIndex`) one of which must have words in the text
        for this to match; None when it may match without (an absence, a penalty, a regex). The
        engine passes over a rule whose lists found nothing without evaluating it."""
        return None


def _sorted_unique(ranges: Iterable[Range]) -> tuple[Range, ...]:
    return tuple(sorted(set(ranges)))


def _joined(found: list[tuple[Range, ...]]) -> Result:
    """A match with the hits of several matchers. Every matcher gives its hits sorted and without
    repeats, so the hits of one are kept as they are."""
    if len(found) == 1:
        return Result(True, found[0])
    return Result(True, _sorted_unique(h for hits in found for h in hits))


def merge_ranges(ranges: Iterable[Range]) -> list[Range]:
    """Sort ranges and merge those that overlap or touch."""
    ranges = sorted(ranges)
    if len(ranges) < 2:
        return ranges
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


# ----------------------------------------------------------------------------- terms
def term_pattern(term: str, morphology: Morphology | None = None) -> str:
    """Regex source for one term of the rule language (see :meth:`Morphology.term_pattern`)."""
    return (morphology or Morphology()).term_pattern(term)


_ALWAYS = re.compile("")  # an opening already checked by the gate
# Pattern source that consumes only word characters: letters, "\w*", "\w{0,3}" and alternations of those.
_WORD_CHARS_ONLY = r"(?:\w|\\w\*|\\w\{0,3\}|\(\?:|\||\))*"
# An opening that consumes only word characters from the start of a word (the boundary before it
# holds at every word start).
_READS_ONE_WORD = re.compile(r"(?:\(\?<!\\w\))?" + _WORD_CHARS_ONLY)
# A whole term that reads one word and nothing past it: whether it matches where a word starts
# depends on that word alone (it cannot stop inside the word, nor read the next one).
_ONE_WORD_TERM = re.compile(r"\(\?<!\\w\)" + _WORD_CHARS_ONLY + r"\(\?!\\w\)")
_SPLIT_FROM = 8  # terms of a group from which, once its gate opens, those that begin alike are gated again
_GATED_FROM = 3  # terms that begin alike, from which they are tried behind a gate of their own
_WORDS_REMEMBERED = 100_000  # distinct words whose opened groups a term index keeps


def _union(sources: list[str], group: str) -> str:
    """``regex_union.union(sources)``, kept between runs with the group's patterns (working the tree
    out again was a tenth of a short check's cold start)."""
    return regexes.remember(group, ("union", tuple(sources)), lambda: union(sources))


def _branches(sources: list[str], group: str) -> list[list[str]] | None:
    """``regex_union.branches(sources)``, kept between runs with the group's patterns."""
    return regexes.remember(group, ("branches", tuple(sources)), lambda: branches(sources))


class _LazyPatterns:
    """The terms of one group, each distinct pattern once, with the lists it belongs to (a term
    shared by several vocabularies is matched once), behind one expression that says whether any
    of them matches here (most places where a group opens match none). Both are compiled on first
    need, the terms one by one only once that expression has matched somewhere: compiling is most
    of what a short check costs."""

    def __init__(self, sources: list[tuple[int, str]], group: str) -> None:
        self._sources = sources
        self._group = group  # of the patterns kept between runs (see regexes)
        self._lists: dict[str, tuple[int, ...]] | None = None
        self._compiled: list[tuple[tuple[int, ...], re.Pattern[str]]] | None = None
        self._any: re.Pattern[str] | bool | None = False  # False: not compiled yet
        self._split: tuple[_LazyPatterns | None, _LazyPatterns | None] | None = None
        self._tree: list[tuple[tuple[int, ...], re.Pattern[str], _LazyPatterns | None]] | None = None

    def __bool__(self) -> bool:
        return bool(self._sources)

    def split(self) -> tuple[_LazyPatterns | None, _LazyPatterns | None]:
        """The group's terms that read one word (see ``_ONE_WORD_TERM``) and its other terms, as
        two groups (None for an empty one)."""
        if self._split is None:
            one: list[tuple[int, str]] = []
            rest: list[tuple[int, str]] = []
            for source in self._sources:
                (one if _ONE_WORD_TERM.fullmatch(source[1]) else rest).append(source)
            self._split = (_LazyPatterns(one, self._group) if one else None,
                           _LazyPatterns(rest, self._group) if rest else None)
        return self._split

    def matching(self, text: str, pos: int) -> list[int]:
        """The lists of the group's terms that match at ``pos`` (a list in several terms repeats)."""
        gate = self.any
        if gate is not None and not gate.match(text, pos):
            return []
        return [i for ids, rx in self.compile() if rx.match(text, pos) for i in ids]

    def _patterns(self) -> dict[str, tuple[int, ...]]:
        if self._lists is None:
            lists: dict[str, list[int]] = {}
            for list_id, pattern in self._sources:
                ids = lists.setdefault(pattern, [])
                if list_id not in ids:
                    ids.append(list_id)
            self._lists = {pattern: tuple(ids) for pattern, ids in lists.items()}
        return self._lists

    @property
    def any(self) -> re.Pattern[str] | None:
        """One expression for all the group's terms (None for a group of one term)."""
        if self._any is False:
            lists = self._patterns()
            self._any = (regexes.compile(_union(list(lists), self._group), group=self._group)
                         if len(lists) > 1 else None)
        return self._any  # type: ignore[return-value]

    def compile(self) -> list[tuple[tuple[int, ...], re.Pattern[str]]]:
        if self._compiled is None:
            self._compiled = [(ids, regexes.compile(pattern, group=self._group))
                              for pattern, ids in self._patterns().items()]
        return self._compiled

    def __iter__(self) -> Iterator[tuple[tuple[int, ...], re.Pattern[str]]]:
        return iter(self.compile())

    def tree(self) -> list[tuple[tuple[int, ...], re.Pattern[str], _LazyPatterns | None]]:
        """The group's terms as they are tried once its gate has opened. In a group of at least
        ``_SPLIT_FROM`` terms, terms that begin alike (as far as all the group's terms do, and one
        atom further), when there are at least ``_GATED_FROM`` of them, stand behind a gate of their
        own (a group of them, with no lists: ``(), gate, group``); the others are tried one by one
        (``lists, pattern, None``)."""
        if self._tree is None:
            lists = self._patterns()
            parts = _branches(list(lists), self._group) if len(lists) >= _SPLIT_FROM else None
            if parts is None:
                self._tree = [(ids, rx, None) for ids, rx in self.compile()]
            else:
                tree: list[tuple[tuple[int, ...], re.Pattern[str], _LazyPatterns | None]] = []
                for part in parts:
                    if len(part) < _GATED_FROM:
                        tree += [(lists[s], regexes.compile(s, group=self._group), None) for s in part]
                        continue
                    sub = _LazyPatterns([(i, s) for s in part for i in lists[s]], self._group)
                    tree.append(((), sub.any, sub))  # type: ignore[arg-type]
                self._tree = tree
        return self._tree

    def collect(self, text: str, pos: int, record: Callable[[tuple[int, ...], int, int], None]) -> None:
        """``record(lists, pos, end)`` for each of the group's terms that matches at ``pos`` with
        some text (its gate already open)."""
        for ids, rx, sub in self.tree():
            m = rx.match(text, pos)
            if m is None:
                continue
            if sub is not None:
                sub.collect(text, pos, record)
            elif m.end() > pos:
                record(ids, pos, m.end())


class _Keyed(NamedTuple):
    """The terms of one key: a gate for all their openings, the groups behind each opening, and
    whether every opening reads only the word it starts. Where only some of them do, those are
    the key's own and the others are ``far``: tried wherever the word stands."""

    gate: re.Pattern[str]
    by_opening: list[tuple[re.Pattern[str], _LazyPatterns]]
    local: bool
    far: _Keyed | None = None


class _WordPlan(NamedTuple):
    """What the scan does where a word stands: record the lists of the one-word terms that match
    the word, try the groups of longer terms its key's openings open (each behind its gate, None
    for a group of one term), try the openings ``far`` that read past the word, and the terms that
    may start anywhere if ``anywhere`` (None: whether they open is asked at each place)."""

    lists: tuple[int, ...]
    groups: list[tuple[re.Pattern[str] | None, _LazyPatterns]]  # (never changed: a plan is shared)
    far: _Keyed | None
    anywhere: bool | None


_NOTHING = _WordPlan((), [], None, False)  # no term starts like the word


def _beginnings(openings: Iterable[str]) -> tuple[str, ...] | None:
    """The letters each opening begins with (after a lookbehind), when every opening begins with
    some: an opening can match only where a word begins with its letters. None otherwise."""
    found: list[str] = []
    for opening in openings:
        parts = atoms(opening) or []
        if parts and parts[0].startswith("(?<"):
            parts = parts[1:]
        letters = "".join(itertools.takewhile(lambda a: len(a) == 1 and _WORD.fullmatch(a) is not None, parts))
        if not letters:
            return None
        found.append(letters)
    return tuple(found) if found else None


class TermIndex:
    """Every term of a pack in one language, indexed by how its first word starts, matched in one
    pass over the text (the key text of the language's :class:`Morphology`).

    For each word of the text, only the terms whose first word starts like it are tried there, so
    the cost grows with the length of the text, not with the number of rules. A match is found
    at every word where some term starts, overlapping ones included ("included in the federal
    list" and "federal list of extremist materials"); the engine merges overlaps into one span.
    In a character-segmented language every character where some term starts is tried.
    """

    def __init__(self, morphology: Morphology | None = None,
                 memo: dict[str, tuple[str, tuple[str, ...] | None, str]] | None = None, group: str = "terms") -> None:
        self.morphology = morphology or Morphology()
        self.group = group  # the patterns' group in the cache kept between runs (see regexes): the language
        # term -> (pattern, keys, opening): what the morphology makes of a term, kept between runs by the
        # pack cache (stemming every term of a lexicon is the bulk of compiling a language)
        self.memo: dict[str, tuple[str, tuple[str, ...] | None, str]] = memo if memo is not None else {}
        self.memo_grew = False
        # Patterns are kept as text and compiled the first time a word of their key appears, so
        # that loading a pack stays cheap (most keys never occur in a given draft).
        self.sources: dict[str, list[tuple[int, str]]] = {}
        self.openings: dict[str, set[str]] = {}  # key -> patterns of the terms' first words
        self.by_opening: dict[str, dict[str, list[tuple[int, str]]]] = {}  # key -> opening -> terms
        self.anywhere_sources: list[tuple[int, str]] = []
        self.anywhere_openings: set[str] = set()
        self.lists = 0
        self._compiled: dict[str, _Keyed] = {}
        self._anywhere: _LazyPatterns | None = None
        self._anywhere_gate: re.Pattern[str] = re.compile("(?!)")
        self._anywhere_one_word = False  # whether every such term's opening reads one word
        self._anywhere_beginnings: tuple[str, ...] | None = None  # letters every such term begins with
        self._starts: re.Pattern[str] | None = None
        # word -> what the scan does where it stands (see _WordPlan), worked out once per word
        self._by_word: dict[str, _WordPlan] = {}

    def add(self, terms: list[str]) -> int:
        """Register a term list; returns its number."""
        list_id = self.lists
        self.lists += 1
        morph, memo = self.morphology, self.memo
        for term in terms:
            found = memo.get(term)
            if found is None:
                found = memo[term] = (morph.term_pattern(term), morph.first_keys(term), morph.opening(term))
                self.memo_grew = True
            pattern, keys, opening = found
            entry = (list_id, pattern)
            if keys is None:
                self.anywhere_sources.append(entry)
                self.anywhere_openings.add(opening)
                continue
            for key in keys:  # a term whose first word has two forms is found under either
                self.sources.setdefault(key, []).append(entry)
                self.openings.setdefault(key, set()).add(opening)
                self.by_opening.setdefault(key, {}).setdefault(opening, []).append(entry)
        # what the scan compiled and remembered was for the lists registered before this one
        self._starts = None
        self._anywhere = None
        self._compiled = {}
        self._by_word = {}
        return list_id

    def _key(self, key: str) -> _Keyed | None:
        """The terms of a key behind one "gate" expression for all of them: most words start no
        term at all, and the gate says so in one call. Behind the gate the terms are grouped by
        their first word, so a word tries only the terms that start like it (a key such as "the"
        or "de" starts a hundred terms). Patterns are compiled the first time their gate opens
        (compiling is most of what a short check costs). Where some openings read past their word
        and others do not, the others keep their per-word plan and only those are tried at each
        occurrence (``far``)."""
        compiled = self._compiled.get(key)
        if compiled is None:
            sources = self.sources.get(key)
            if not sources:
                return None
            groups = self.by_opening[key]
            # openings that read nothing past the word they start (no space, hyphen or apostrophe
            # in them) open the same groups wherever that word stands: the scan remembers them
            near = {} if self.morphology.characters else {
                o: entries for o, entries in groups.items() if _READS_ONE_WORD.fullmatch(o)}
            far = {o: entries for o, entries in groups.items() if o not in near}
            if not near or not far:
                compiled = self._keyed(groups, local=not far)
            else:  # a few openings read on ("person's", "inter-ethnic"): only those are tried at each word
                compiled = self._keyed(near, local=True)._replace(far=self._keyed(far, local=False))
            self._compiled[key] = compiled
        return compiled

    def _keyed(self, groups: dict[str, list[tuple[int, str]]], local: bool) -> _Keyed:
        """Terms by their openings behind one gate that asks only whether some term's first word
        starts here (a necessary condition, short to compile); the terms themselves are compiled
        when it opens."""
        gate = regexes.compile(_union(sorted(groups), self.group), group=self.group)
        if len(groups) == 1:  # the gate is the one opening: no second look
            return _Keyed(gate, [(_ALWAYS, _LazyPatterns(next(iter(groups.values())), self.group))], local)
        openings = [(regexes.compile(o, group=self.group), _LazyPatterns(entries, self.group))
                    for o, entries in sorted(groups.items())]
        return _Keyed(gate, openings, local)

    def _word_plan(self, word: str, text: str, pos: int) -> _WordPlan:
        """What the scan does wherever ``word`` stands (worked out at ``pos``, one place where it
        does). The one-word terms that match it and the groups its key's openings open depend on the
        word alone where those openings read only the word (``_Keyed.local``); openings that read
        past the word are kept to be tried at each place (``far``)."""
        lists: tuple[int, ...] = ()
        groups: list[tuple[re.Pattern[str] | None, _LazyPatterns]] = []
        far: _Keyed | None = None
        key = word[:3]
        if key in self.sources:
            keyed = self._compiled.get(key) or self._key(key)
            if keyed is None or not keyed.local:
                far = keyed
            else:
                lists, longer = self._plan(keyed, text, pos)
                groups = [(group.any, group) for group in longer]
                far = keyed.far
        opens: bool | None = False
        if self._anywhere:
            if self._anywhere_one_word:
                opens = self._anywhere_gate.match(text, pos) is not None
            elif self._anywhere_beginnings is None or word.startswith(self._anywhere_beginnings):
                opens = None  # asked at each place
        if not lists and not groups and far is None and opens is False:
            return _NOTHING
        return _WordPlan(lists, groups, far, opens)

    def _plan(self, keyed: _Keyed, text: str, pos: int) -> tuple[tuple[int, ...], list[_LazyPatterns]]:
        """For a word whose key's openings read only the word: the lists of the one-word terms that
        match the word, and the groups of the other terms whose first word it opens. Both depend on
        the word alone, so the scan works them out once per distinct word."""
        hits: list[int] = []
        longer: list[_LazyPatterns] = []
        for group in self._opened(keyed, text, pos):
            one, rest = group.split()
            if one is not None:
                hits.extend(one.matching(text, pos))
            if rest is not None:
                longer.append(rest)
        return tuple(dict.fromkeys(hits)), longer

    @staticmethod
    def _opened(keyed: _Keyed | None, text: str, pos: int) -> list[_LazyPatterns]:
        """The groups of ``keyed`` whose first word starts at ``pos``."""
        if keyed is None or not keyed.gate.match(text, pos):
            return []
        return [entries for opening, entries in keyed.by_opening if opening.match(text, pos)]

    def _positions(self, text: str) -> Iterable[tuple[int, str]]:
        """Where a term may start, with the word that starts there (in a character-segmented
        language, the character); its key is the word's first three letters."""
        if not self.morphology.characters:
            return [(word.start(), word.group()) for word in _WORD.finditer(text)]  # (a list: cheaper to walk)
        return self._char_positions(text)

    def _char_positions(self, text: str) -> Iterable[tuple[int, str]]:
        if self._starts is None:
            chars = "".join(sorted(k for k in self.sources if len(k) == 1))
            self._starts = re.compile("[" + re.escape(chars) + "]" if chars else r"(?!)")
        if self.anywhere_sources:
            yield from ((i, text[i]) for i in range(len(text)) if not text[i].isspace())
            return
        for m in self._starts.finditer(text):
            yield m.start(), m.group()

    def hits(self, ctx: Context) -> dict[int, list[Range]]:
        """:meth:`scan` of the provision, once."""
        scanned = ctx.term_hits.get(self)
        if scanned is None:
            scanned = ctx.term_hits[self] = self.scan(ctx.key_text(self.morphology))
        return scanned

    def scan(self, key_text: KeyText) -> dict[int, list[Range]]:
        """For each registered list with words in the text (by its id), the ranges of the
        normalised text where its terms match (longest at each start); most lists have none, and
        are left out."""
        best: dict[int, dict[int, int]] = {}

        def record(list_ids: tuple[int, ...], pos: int, end: int) -> None:
            """A match of the lists' terms from ``pos`` to ``end``: the longest at each start stays."""
            for list_id in list_ids:
                found = best.get(list_id)
                if found is None:
                    best[list_id] = {pos: end}
                elif end > found.get(pos, -1):
                    found[pos] = end

        if self._anywhere is None:
            self._anywhere = _LazyPatterns(self.anywhere_sources, self.group)
            # terms that may start anywhere are tried behind one gate on their first words, as
            # keyed terms are; where each opening reads only the word it starts ("\w*تحريض"), the
            # gate's answer is part of the word's plan, and where each begins with letters ("de[ -]?
            # radicali"), only a word that begins with them asks it
            self._anywhere_gate = regexes.compile(_union(sorted(self.anywhere_openings), self.group), group=self.group)
            self._anywhere_one_word = not self.morphology.characters and all(
                _READS_ONE_WORD.fullmatch(o) for o in self.anywhere_openings)
            self._anywhere_beginnings = None if self.morphology.characters else _beginnings(self.anywhere_openings)
        anywhere = self._anywhere
        anywhere_gate = self._anywhere_gate.match
        by_word = self._by_word
        text = key_text.text
        for pos, word in self._positions(text):
            plan = by_word.get(word)
            if plan is None:
                if len(by_word) >= _WORDS_REMEMBERED:
                    by_word.clear()
                plan = by_word[word] = self._word_plan(word, text, pos)
            if plan is _NOTHING:
                continue  # the common case: no term starts like this word
            lists, groups, far, opens = plan
            if lists:
                record(lists, pos, pos + len(word))
            if far is not None:
                opened = [(group.any, group) for group in self._opened(far, text, pos)]
                groups = groups + opened if groups else opened  # (a new list: the plan's stays as it is)
            if opens is None:
                opens = anywhere_gate(text, pos) is not None
            if opens:
                groups = [*groups, (anywhere.any, anywhere)]
            for gate, group in groups:
                if gate is not None and not gate.match(text, pos):
                    continue  # no term of the group matches here: one call instead of one per term
                group.collect(text, pos, record)
        if key_text.key_starts is None:
            return {list_id: sorted(found.items()) for list_id, found in best.items()}
        # back to the normalised text; a term in several lists hits the same range in each (about
        # half the hits), so each range is mapped once
        to_norm = key_text.to_norm
        mapped: dict[Range, Range] = {}
        for found in best.values():
            for hit in found.items():
                if hit not in mapped:
                    mapped[hit] = to_norm(*hit)
        return {list_id: sorted(mapped[hit] for hit in found.items()) for list_id, found in best.items()}


class Terms(Compiled):
    """A list of terms; matched through the pack's :class:`TermIndex`."""

    def __init__(self, terms: list[str], index: TermIndex) -> None:
        self.terms = sorted(set(terms), key=lambda t: (-len(t), t))
        self.index = index
        self.list_id = index.add(self.terms)

    def evaluate(self, ctx: Context) -> Result:
        hits = self.index.hits(ctx).get(self.list_id)
        return Result(True, tuple(hits)) if hits else NO_MATCH  # most lists have no hit: nothing to build

    def needs(self) -> frozenset[int] | None:
        return frozenset((self.list_id,))


class Regex(Compiled):
    def __init__(self, pattern: str, group: str = "common") -> None:
        self.regex = Gated(pattern, re.IGNORECASE, group)  # a text without its literals is passed over at once

    def evaluate(self, ctx: Context) -> Result:
        hits = [(m.start(), m.end()) for m in self.regex.finditer(ctx.norm) if m.end() > m.start()]
        return Result(bool(hits), tuple(hits))


# ----------------------------------------------------------------------------- logic
def mentioned_only(hits: Iterable[Range], ctx: Context) -> bool:
    """True when every hit lies in an optional clause ("A Party may require that the offence be
    committed intentionally"): words there are not elements of the offence as drafted."""
    hits = list(hits)
    return bool(hits) and bool(ctx.optional) and all(inside(h, ctx.optional) for h in hits)


class Absent(Compiled):
    """Matches, with no ranges, when the inner matcher finds nothing, or finds it only in an
    optional clause (see :func:`mentioned_only`)."""

    def __init__(self, inner: Compiled) -> None:
        self.inner = inner

    def evaluate(self, ctx: Context) -> Result:
        inner = self.inner(ctx)
        if not inner.matched or mentioned_only(inner.hits, ctx):
            return Result(True)
        return NO_MATCH


def _same_clause(ha: Range, hb: Range, ranges: list[Range]) -> bool:
    """True when ``hb`` is outside every range, or inside one that also holds ``ha``."""
    holding = [r for r in ranges if r[0] <= hb[0] and hb[1] <= r[1]]
    return not holding or any(r[0] <= ha[0] and ha[1] <= r[1] for r in holding)


class ElementsOnly(Compiled):
    """The inner matcher's words that are elements of the offence: those in optional or
    not-required clauses are dropped, and with them the match if nothing else is left."""

    def __init__(self, inner: Compiled) -> None:
        self.inner = inner

    def evaluate(self, ctx: Context) -> Result:
        inner = self.inner(ctx)
        if not inner.matched or not inner.hits or not ctx.optional:
            return inner
        kept = tuple(h for h in inner.hits if not inside(h, ctx.optional))
        return Result(True, kept) if kept else NO_MATCH

    def needs(self) -> frozenset[int] | None:
        return self.inner.needs()


class All(Compiled):
    def __init__(self, parts: list[Compiled]) -> None:
        self.parts = parts

    def evaluate(self, ctx: Context) -> Result:
        found: list[tuple[Range, ...]] = []
        for part in self.parts:
            result = part(ctx)
            if not result.matched:
                return NO_MATCH
            if result.hits:
                found.append(result.hits)
        return _joined(found)

    def needs(self) -> frozenset[int] | None:
        """What any one part needs (every part must match): the narrowest."""
        return min((n for n in (p.needs() for p in self.parts) if n is not None), key=len, default=None)


class Any(Compiled):
    def __init__(self, parts: list[Compiled]) -> None:
        self.parts = parts

    def evaluate(self, ctx: Context) -> Result:
        matched = False
        found: list[tuple[Range, ...]] = []
        for part in self.parts:
            result = part(ctx)
            if result.matched:
                matched = True
                if result.hits:
                    found.append(result.hits)
        return _joined(found) if matched else NO_MATCH

    def needs(self) -> frozenset[int] | None:
        """What one of the parts needs, when every part needs something."""
        needed = [p.needs() for p in self.parts]
        return None if any(n is None for n in needed) else frozenset().union(*needed)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- near
class NearM(Compiled):
    def __init__(self, spec: Near, a: Compiled, b: Compiled, negate: bool) -> None:
        self.a = a
        self.b = b
        self.negate = negate
        # the spec as plain values: read for every pair of hits
        self.within_words, self.same, self.placed, self.mark = spec.within_words, spec.same, spec.placed, spec.mark

    def _reach(self, ctx: Context) -> tuple[int | None, str]:
        """``within`` and ``direction`` as the provision's language reads them: in a language
        written without spaces a word is a character (a word is about two), and in a language
        whose word order differs from the rule's the direction is not applied."""
        morph = ctx.morphology
        within = self.within_words
        if within is not None and within > 0 and morph.characters:
            within *= 3
        return within, "either" if morph.spec.free_word_order else self.placed

    def _close(self, ctx: Context, ha: Range, hb: Range, within: int | None, direction: str) -> bool:
        if not self.negate and ha[0] <= hb[0] and hb[1] <= ha[1]:
            # the words found hold the others ("признание идеологии терроризма правильной"): together,
            # on no side. (Not for an exception: words a term was written with excuse nothing.)
            return True
        if direction == "after" and hb[0] < ha[1]:
            return False
        if direction == "before" and hb[1] > ha[0]:
            return False
        if ha[0] < hb[1] and hb[0] < ha[1]:
            return True  # overlapping
        if self.same == "provision":
            return True
        if self.same == "clause":
            nt = ctx.nt
            if nt.clause_index(ha[0]) != nt.clause_index(hb[0]):
                return False
            if within is None:
                return True
        first, second = (ha, hb) if ha[1] <= hb[0] else (hb, ha)
        words_between = ctx.nt.word_index(second[0]) - ctx.nt.word_index(first[1] - 1) - 1
        return within is not None and words_between <= within

    def _candidates(self, ctx: Context, b_hits: tuple[Range, ...], within: int | None
                    ) -> Callable[[Range], Iterable[Range]]:
        """For a hit of ``a``, the hits of ``b`` that can be close to it: a window of words or
        the same clause, found by bisection, so long texts do not cost |a| x |b| comparisons."""
        nt = ctx.nt
        if within is not None:
            starts = [nt.word_index(s) for s, _ in b_hits]
            longest = max((nt.word_index(e - 1) - w for (_, e), w in zip(b_hits, starts, strict=True)), default=0)
            reach = max(within, 0)  # "same words" (-1): overlapping hits only

            def window(ha: Range) -> Iterable[Range]:
                low = nt.word_index(ha[0]) - reach - 1 - longest
                high = nt.word_index(ha[1] - 1) + reach + 1
                return b_hits[bisect_left(starts, low):bisect_right(starts, high)]

            return window
        if self.same == "clause":
            by_clause: dict[int, list[Range]] = {}
            for hb in b_hits:
                by_clause.setdefault(nt.clause_index(hb[0]), []).append(hb)
            return lambda ha: by_clause.get(nt.clause_index(ha[0]), [])
        return lambda ha: b_hits

    def evaluate(self, ctx: Context) -> Result:
        ra = self.a(ctx)
        if not ra.matched or not ra.hits:
            return NO_MATCH
        rb = self.b(ctx)
        optional = ctx.optional if self.negate else []
        pairs_a: list[Range] = []
        pairs_b: list[Range] = []
        lonely: list[Range] = []
        spans: list[Range] = []
        within, direction = self._reach(ctx)
        candidates = self._candidates(ctx, rb.hits, within)
        existence_only = self.negate or self.mark == "find"
        for ha in ra.hits:
            if existence_only:
                # (for not_near) words that excuse ("not near violence") must be elements of the
                # offence: violence in an optional or not-required clause ("whether or not it results in
                # violence") excuses nothing, unless the found words stand in that same clause
                first = next((hb for hb in candidates(ha) if self._close(ctx, ha, hb, within, direction)
                              and (not optional or _same_clause(ha, hb, optional))), None)
                close = [first] if first is not None else []
            else:
                close = [hb for hb in candidates(ha) if self._close(ctx, ha, hb, within, direction)]
            if close:
                pairs_a.append(ha)
                pairs_b.extend(close)
                spans.extend((min(ha[0], hb[0]), max(ha[1], hb[1])) for hb in close)
            else:
                lonely.append(ha)
        if self.negate:
            return Result(bool(lonely), tuple(lonely))
        if not pairs_a:
            return NO_MATCH
        by_mark = {"find": pairs_a, "of": pairs_b, "both": pairs_a + pairs_b, "span": spans}
        hits = by_mark[self.mark]
        return Result(True, _sorted_unique(hits))

    def needs(self) -> frozenset[int] | None:
        return self.a.needs()  # no words found, nothing near or lonely


# ----------------------------------------------------------------------------- penalty
class PenaltyM(Compiled):
    def __init__(self, spec: PenaltyTest) -> None:
        self.spec = spec

    def evaluate(self, ctx: Context) -> Result:
        p, s = ctx.penalty, self.spec
        checks = []
        if s.stated is not None:
            checks.append(p.stated == s.stated)
        if s.custodial is not None:
            checks.append(p.custodial == s.custodial)
        if s.life is not None:
            checks.append(p.life == s.life)
        if s.ancillary_ban is not None:
            checks.append(p.ancillary_ban == s.ancillary_ban)
        if s.forced_labour is not None:
            checks.append(p.forced_labour == s.forced_labour)
        if s.max_years_over is not None:
            # a text that states only a minimum ("not less than five years") allows at least that much
            highest = p.max_years if p.max_years is not None else p.min_years
            checks.append(p.life or (highest is not None and highest > s.max_years_over))
        if s.min_years_at_least is not None:
            checks.append(p.min_years is not None and p.min_years >= s.min_years_at_least)
        if not all(checks):
            return NO_MATCH
        ranges: list[Range] = []
        if s.max_years_over is not None or s.min_years_at_least is not None:
            # the terms that cross the line (not a lower term stated beside them); life imprisonment,
            # or a term from the input's penalty field, by the custodial words
            beyond = p.terms_beyond(s.max_years_over, s.min_years_at_least)
            ranges += beyond + (p.custodial_spans if p.life or not beyond else [])
        elif s.custodial or s.life:
            ranges += p.custodial_spans + p.term_spans
        if s.ancillary_ban:
            ranges += p.other_spans.get("ancillary_ban", [])
        if s.forced_labour:
            ranges += p.other_spans.get("forced_labour", [])
        if s.stated and not ranges:
            ranges += p.spans
        return Result(True, _sorted_unique(ranges))


class InheritsM(Compiled):
    """Occurrences of terms defined elsewhere in the document by a definition that drew findings
    of the given categories."""

    def __init__(self, spec: object) -> None:
        self.categories = frozenset(spec.categories)  # type: ignore[attr-defined]
        self.tests = frozenset(spec.tests)  # type: ignore[attr-defined]

    def evaluate(self, ctx: Context) -> Result:
        terms = [inh.term for inh in ctx.inherited if inh.categories & self.categories and inh.tests & self.tests]
        hits = DefinedTerms.of(terms, ctx.morphology).occurrences(ctx.key_text(ctx.morphology)) if terms else []
        return Result(bool(hits), _sorted_unique(hits))


class UndefinedInDocument(Compiled):
    """Occurrences of the terms when the input holds several provisions of the document and none
    of them defines the term (nor this provision)."""

    def __init__(self, terms: Compiled) -> None:
        self.terms = terms

    def evaluate(self, ctx: Context) -> Result:
        if ctx.document_defined is None:
            return NO_MATCH
        defined = ctx.document_defined

        def is_defined(word: str) -> bool:
            return any(ctx.morphology.same_term(word, d) for d in defined)

        hits = [h for h in self.terms(ctx).hits if not is_defined(ctx.norm[h[0]:h[1]])]
        return Result(bool(hits), tuple(hits))

    def needs(self) -> frozenset[int] | None:
        return self.terms.needs()


# ----------------------------------------------------------------------------- compile
VocabLookup = Callable[[list[str]], Compiled]


# ----------------------------------------------------------------------------- the registry
@dataclass(frozen=True)
class Kind:
    """One matcher kind: how it is compiled, and how docs/rule-language.md describes it. Adding a
    kind is a field on :class:`~rightscheck.schema.Matcher` and one ``@kind`` here (a test checks
    that the two agree and that the documentation table is the one generated from this)."""

    name: str
    example: str
    meaning: str
    compile: Callable[[Matcher, VocabLookup, TermIndex], Compiled]


KINDS: dict[str, Kind] = {}


def kind(name: str, example: str, meaning: str) -> Callable[[Callable[..., Compiled]], Callable[..., Compiled]]:
    def register(fn: Callable[..., Compiled]) -> Callable[..., Compiled]:
        KINDS[name] = Kind(name, example, meaning, fn)
        return fn
    return register


def compile_matcher(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    """Turn a validated :class:`Matcher` into an evaluable object; its terms go into ``index``."""
    return KINDS[m.kind].compile(m, vocab, index)


@kind("vocab", "`{vocab: intent}` or `{vocab: [intent, danger]}`",
      "the words of the named vocabularies in the provision's language (its lexicon). This is how the built-in "
      "pack names all its words")
def _vocab(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    return vocab(m.vocab or [])


@kind("terms", '`{terms: ["extremis*", "recogni*ed ... as extremist"]}`',
      "words written in the rule itself, in the pack's own language only (the rule does not run in another "
      "language). Whole words, any case. `*` = any further letters (`justif*`); `...` = a gap of up to six words "
      "in the same clause; a space or hyphen in a term matches a space, a hyphen or nothing. In a language with a "
      "stemmer, each word is compared by its stem, so a term matches its inflected forms")
def _terms(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    return Terms(m.terms or [], index)


@kind("regex", '`{regex: "\\\\bterrorism means\\\\b"}`',
      "a Python regular expression on the normalised (lower-case) text, in the pack's own language only; a "
      "lexicon can give a vocabulary as `{regex: ...}` for any language")
def _regex(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    return Regex(m.regex or "")


@kind("absent", "`{absent: {vocab: intent}}`",
      "matches, with no words, when the inner matcher finds nothing in the provision")
def _absent(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    assert m.absent is not None
    return Absent(compile_matcher(m.absent, vocab, index))


@kind("all", "`{all: [M1, M2]}`", "every matcher matches; the words of all are marked")
def _all(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    return All([compile_matcher(x, vocab, index) for x in m.all or []])


@kind("any", "`{any: [M1, M2]}`", "at least one matches; the words of those that match are marked")
def _any(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    return Any([compile_matcher(x, vocab, index) for x in m.any or []])


@kind("near", "`{near: {find: M1, within: 4 words, of: M2, placed: after}}`",
      "words of `find` within a distance `of` words of the second matcher. `within`: `N words` (at most N words "
      "between them; `0 words`: next to each other), `N words in the same clause`, `same words` (the `of` "
      "words overlap the found words: the form for an exception written as a phrase that holds the word it "
      "excuses, \"without lawful excuse\" for \"excuse\", so that a word merely next to the phrase is not "
      "excused), `same clause` or `same provision`. `placed`: where the `of` words must stand, `after` or "
      "`before` the found words (either side if not given; `of` words inside the found words, as in a term "
      "with a gap, are on no side). "
      "`mark`: what the finding marks — `find` (default), `of`, `both`, or `span` (one span from one "
      "to the other)")
def _near(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    return _proximity(m.near, vocab, index, negate=False)


@kind("not_near", "same fields as `near`",
      "words of `find` with **no** words of `of` close by — for exceptions such as \"or other *measures*\" "
      "(words of `of` in an optional or not-required clause are no exception)")
def _not_near(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    return _proximity(m.not_near, vocab, index, negate=True)


def _proximity(spec: Near | None, vocab: VocabLookup, index: TermIndex, negate: bool) -> Compiled:
    """``near`` and ``not_near``: the same fields, compiled alike; ``negate`` keeps the lonely hits."""
    assert spec is not None
    return NearM(spec, compile_matcher(spec.find, vocab, index), compile_matcher(spec.of, vocab, index), negate)


@kind("inherits", "`{inherits: {categories: [overbreadth, vague-term], tests: [legality]}}`",
      "the words of this provision that another provision of the same document defines, where that definition "
      "drew findings of those categories (and tests). A document is the provisions of one input with the same "
      "`source`, or from the same file")
def _inherits(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    return InheritsM(m.inherits)


@kind("undefined_in_document", "`{undefined_in_document: {vocab: undefined-term}}` (or a list of terms)",
      "the terms, when the input holds several provisions of the document and none of them defines the term. "
      "With one provision alone it never matches")
def _undefined(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    inner = m.undefined_in_document
    if isinstance(inner, list):
        return UndefinedInDocument(Terms(inner, index))
    assert inner is not None
    return UndefinedInDocument(compile_matcher(inner, vocab, index))


@kind("penalty", "`{penalty: {custodial: true, max_years_over: 3}}`",
      "the penalty read from the text (\"imprisonment for a term not exceeding seven years\", \"from two to five "
      "years\", \"life imprisonment\", fines, bans) or from the input's `penalty:` field. Conditions: `custodial`, "
      "`max_years_over` (the highest term the text allows: where it states only a minimum, at least that), "
      "`min_years_at_least`, `life`, `ancillary_ban`, `forced_labour`, `stated`; all given must hold")
def _penalty(m: Matcher, vocab: VocabLookup, index: TermIndex) -> Compiled:
    assert m.penalty is not None
    return PenaltyM(m.penalty)


def matcher_table() -> str:
    """The table of matcher kinds in docs/rule-language.md, made from the registry."""
    rows = ["| kind | example | matches |", "| --- | --- | --- |"]
    rows += [f"| `{k.name}` | {k.example} | {k.meaning} |" for k in KINDS.values()]
    return "\n".join(rows) + "\n"


def vocab_names(m: Matcher) -> set[str]:
    """Every vocabulary name a matcher refers to (for validation)."""
    names: set[str] = set(m.vocab or [])
    for child in m.children():
        names |= vocab_names(child)
    return names
