"""What the provision says about its own words: the terms it defines, and the clauses that only
mention a term without making it an element of the offence.

- A term the provision defines ("X" means …, for the purposes of this article X means …,
  hereinafter "X") is judged by its definition: rules with ``ignore_words_in: [definitions]`` drop
  hits inside an occurrence of the defined term; the definition's own words are still checked.
- A saving or exclusion clause ("Nothing in this article shall be construed as restricting …
  extremist views", "This article does not apply to …") mentions terms without making them
  elements: rules with ``ignore_words_in: [saving-clauses]`` drop hits inside such a clause; see
  :func:`saving_ranges`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .clause_start import ClauseStart
from .lexicon import DefinitionsSpec
from .matchers import DefinedTerms
from .morphology import Morphology
from .prefilter import Gated
from .text import NormText

# Where a saving or optional clause ends: the end of its sentence or clause (in any script).
_CLAUSE_END = re.compile(r"\.(?= |$)|[;。؛]")
# Where a not-required clause ends: also at a comma ("whether or not any person is encouraged, …").
_PHRASE_END = re.compile(r"\.(?= |$)|[;,。؛，、،]")
_WORDS = re.compile(r"\w")


def _either(regexes: list[str]) -> str:
    """One regex source matching any of ``regexes``."""
    return "|".join(f"(?:{rx})" for rx in regexes)


class DefinitionReader:
    """How one language defines terms and mentions words without enacting them (a lexicon's
    ``definitions`` section), compiled."""

    def __init__(self, spec: DefinitionsSpec, morphology: Morphology | None = None) -> None:
        self.morphology = morphology or Morphology()
        # each behind its literal prefilter: most provisions define nothing and save nothing
        self.defines = [Gated(rx) for rx in spec.defines]
        # each pattern behind its own prefilter: one pattern with common words ("is not to be taken")
        # would otherwise open the gate of a costly one (a clause read from its start) on most texts
        self.saving = [_Opening(rx) for rx in spec.saving]
        self.optional = [_Opening(rx) for rx in spec.optional]
        self.not_required = [_Opening(rx) for rx in spec.not_required]
        self.no_defence = [_Opening(rx) for rx in spec.no_defence]
        # ", whoever": where a saving clause that opened the sentence gives way to the offence
        self.offence_start = (re.compile(r"[,，،]\s*(?:" + _either(spec.offence_start) + ")")
                              if spec.offence_start else None)

    def defined_terms(self, nt: NormText) -> list[str]:
        """The normalised terms the provision defines."""
        found: list[str] = []
        for regex in self.defines:
            for m in regex.finditer(nt.norm):
                term = m.group(1).strip().strip('"').strip()
                if term and term not in found:
                    found.append(term)
        return found

    def defined_ranges(self, nt: NormText) -> list[tuple[int, int]]:
        """Every place in the normalised text where a term the provision defines occurs."""
        terms = self.defined_terms(nt)
        if not terms:
            return []
        return DefinedTerms.of(terms, self.morphology).occurrences(self.morphology.key_text(nt.norm))

    def saving_ranges(self, nt: NormText) -> list[tuple[int, int]]:
        """Normalised ranges of saving and exclusion clauses: from the clause's trigger words to
        the end of its sentence or clause. Clauses that follow each other (an exemption, then the
        exception that restores liability) make one range: words found across both are in it."""
        merged: list[tuple[int, int]] = []
        for start, end in sorted(self._before_offence(nt, r) for r in _clauses(nt, self.saving)):
            if merged and not _WORDS.search(nt.norm, merged[-1][1], max(start, merged[-1][1])):
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def _before_offence(self, nt: NormText, clause: tuple[int, int]) -> tuple[int, int]:
        """A saving clause cut at the comma where the offence's main clause opens ("Except where
        the person is exempt from liability, whoever publishes …"): the offence is no saving."""
        if self.offence_start is None:
            return clause
        opens = self.offence_start.search(nt.norm, clause[0], clause[1])
        return (clause[0], opens.start()) if opens else clause

    def optional_ranges(self, nt: NormText) -> list[tuple[int, int]]:
        """Normalised ranges whose words are not elements of the offence, nor defences: optional
        clauses (to the end of their sentence or clause), not-required clauses ("whether or not the
        publication results in …", to the next comma) and the phrase that denies a defence ("it is
        not a defence that the statement was made for journalism", from the start of its phrase to
        the end of its sentence or clause)."""
        return sorted(_clauses(nt, self.optional) + _clauses(nt, self.not_required, _PHRASE_END)
                      + [(_phrase_start(nt.norm, start), end) for start, end in _clauses(nt, self.no_defence)])


def _phrase_start(norm: str, pos: int) -> int:
    """Where the phrase that holds ``pos`` starts: after the last full stop, semicolon or comma
    before it ("Le fait que la diffusion ait eu lieu à des fins journalistiques ne constitue pas une
    excuse": the defence denied is named before the words that deny it)."""
    start = 0
    for m in _PHRASE_END.finditer(norm, 0, pos):
        start = m.end()
    return start


# built without validation: defaults only, so no validator is built at import
NO_DEFINITIONS = DefinitionReader(DefinitionsSpec.model_construct())


class _Opening:
    """A pattern that opens a clause (a saving, optional, not-required or no-defence clause):
    behind its literal prefilter, and read from its words when it runs from its clause's start."""

    __slots__ = ("clause", "gated")

    def __init__(self, pattern: str) -> None:
        self.gated = Gated(pattern)
        self.clause = ClauseStart.of(pattern)

    def spans(self, text: str) -> Iterable[tuple[int, int]]:
        """Where the pattern matches, as ``finditer`` finds it."""
        if not self.gated.possible(text):
            return ()
        if self.clause is not None:
            return self.clause.spans(text)
        return [(m.start(), m.end()) for m in self.gated.regex.finditer(text)]


def _clauses(nt: NormText, patterns: list[_Opening],
             ends: re.Pattern[str] = _CLAUSE_END) -> list[tuple[int, int]]:
    """From where each pattern matches to the end of its clause (ranges may overlap)."""
    ranges: list[tuple[int, int]] = []
    for opening in patterns:
        for start, stop in opening.spans(nt.norm):
            end = ends.search(nt.norm, stop)
            ranges.append((start, end.start() if end else len(nt.norm)))
    return ranges
