"""How the words of a language are matched: one interface, a strategy per language.

Terms are matched against a *key text*: the normalised text with every word replaced by its
stem (for a language with a Snowball stemmer), so that a term written once matches its inflected
forms ("оправдание" -> оправдания, оправданием; "apologie" -> apologies; "الإرهاب" -> بالإرهاب).
Each character of the key text maps back to the normalised text, and from there to the original,
so spans stay exact offsets. A language written without spaces (Chinese) is matched character by
character, terms anywhere, with no stemming.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from .lexicon import MorphologySpec
from .text import normalise

_WORD = re.compile(r"(\w+)")
# A gap of up to six words inside one clause (see matchers.term_pattern).
_SEP = r"[ ,'\"()/-]+"
WORD_GAP = rf"(?:{_SEP}\w+){{0,6}}?{_SEP}"
CHAR_GAP = r"[^.;:!?。；：！？]{0,24}?"
_APOSTROPHES = "'’"


@dataclass
class KeyText:
    """The text terms are matched against, and the way back to the normalised text: the key text
    is made of stretches, each a stemmed word (any character of it maps to the whole word) or a
    stretch between words (one character for one)."""

    text: str
    key_starts: list[int] | None = None  # where each stretch starts in the key text (None: the same text)
    norm_starts: list[int] = field(default_factory=list)  # ... and in the normalised text
    norm_ends: list[int] = field(default_factory=list)  # a word's end in the normalised text; -1 between words

    def _norm(self, pos: int, end: bool) -> int:
        assert self.key_starts is not None
        i = bisect_right(self.key_starts, pos) - 1
        if self.norm_ends[i] >= 0:  # inside a stemmed word: the whole word
            return self.norm_ends[i] if end else self.norm_starts[i]
        return self.norm_starts[i] + (pos - self.key_starts[i]) + (1 if end else 0)

    def to_norm(self, start: int, end: int) -> tuple[int, int]:
        if self.key_starts is None:
            return start, end
        return self._norm(start, False), self._norm(end - 1, True)


@dataclass
class Morphology:
    spec: MorphologySpec = field(default_factory=MorphologySpec.model_construct)  # defaults: nothing to validate

    def __post_init__(self) -> None:
        self._stemmer = None
        if self.spec.stemmer:
            import Stemmer  # PyStemmer: the Snowball stemmers, compiled

            self._stemmer = Stemmer.Stemmer(self.spec.stemmer)
            self.stem = lru_cache(maxsize=65536)(self._stemmer.stemWord)  # type: ignore[method-assign]

    @property
    def characters(self) -> bool:
        return self.spec.segmentation == "characters"

    @property
    def stems(self) -> bool:
        return self._stemmer is not None

    def stem(self, word: str) -> str:
        return word

    def key_text(self, norm: str) -> KeyText:
        """The normalised text as terms see it: words replaced by their stems. The text is cut
        into stretches, alternately between words (perhaps empty: a stretch of no characters is
        never looked up) and words; each stretch's start is kept in both texts."""
        if self._stemmer is None:
            return KeyText(norm)
        parts = _WORD.split(norm)  # between, word, between, ..., between
        words = parts[1::2]
        keys = parts.copy()
        keys[1::2] = [stem or word for stem, word in zip(self._stemmer.stemWords(words), words, strict=True)]
        norm_starts = list(accumulate(map(len, parts), initial=0))
        norm_starts.pop()
        norm_ends = [-1] * len(parts)
        norm_ends[1::2] = [start + len(word) for start, word in zip(norm_starts[1::2], words, strict=True)]
        key_starts = list(accumulate(map(len, keys), initial=0))
        key_starts.pop()
        return KeyText("".join(keys), key_starts, norm_starts, norm_ends)

    def _folded(self, term: str) -> str:
        """A term normalised as the text it is matched against is ("أفشى" as "افشي"): the same
        :func:`~rightscheck.text.normalise`, with the language's letter folds and dropped characters,
        before it is stemmed."""
        return normalise(term, self.spec.fold, self.spec.drop).norm

    def term_pattern(self, term: str) -> str:
        """Regex source for one term of the rule language, as matched in the key text.

        Words are matched whole and case-insensitively; ``*`` stands for any further word
        characters (``justif*``); ``...`` for a gap of up to six words (in a character-segmented
        language, up to 24 characters of the same clause); a space or a hyphen in the term matches
        a space, a hyphen or nothing. With a stemmer, each word of the term is stemmed first (the
        part before a ``*`` too), so the term matches every form with the same stem.
        """
        words = self._folded(term).split()
        parts: list[str] = []
        gap = CHAR_GAP if self.characters else WORD_GAP
        joiner = r"\s?" if self.characters else r"[ -]?"
        for i, word in enumerate(words):
            if word in {"...", "…"}:
                parts.append(gap)
                continue
            cores, star = self._cores(word)
            pieces = [re.escape(core).replace(r"\*", r"\w*").replace(r"\-", r"[ -]?") for core in cores]
            piece = pieces[0] if len(pieces) == 1 else "(?:" + "|".join(pieces) + ")"
            capped = self._capped_wildcard(word[:-1], cores) if star else None
            if capped is not None:
                piece = capped
            elif star:
                piece += r"\w{0,3}" if self.characters else r"\w*"
                shorter = self._shorter_stems(word[:-1], cores)
                if shorter:
                    piece = "(?:" + piece + "|" + "|".join(map(re.escape, shorter)) + ")"
            parts.append(piece)
            if i + 1 < len(words) and words[i + 1] not in {"...", "…"} and word not in {"...", "…"}:
                parts.append(joiner)
        body = "".join(parts)
        return body if self.characters else r"(?<!\w)" + body + r"(?!\w)"

    def opening(self, term: str) -> str:
        """Regex source that matches wherever the term can start: its first word as matched, with
        no boundary after it (the next word may be glued to it). For a term index's gate."""
        if self.characters:
            return self.term_pattern(term)
        first = self._folded(term).split()[0]
        pattern = self.term_pattern(first if first not in {"...", "…"} else term)
        return pattern[: -len(r"(?!\w)")] if pattern.endswith(r"(?!\w)") else pattern

    def inflected(self, term: str) -> str:
        """Regex source for a defined term and its inflected forms, as it recurs in other
        articles: with a stemmer, each word by its stem and any ending; without, the term with
        the endings the lexicon lists (English: a plural "s")."""
        words = term.split()
        if self._stemmer is not None:
            return r"[ -]?".join(re.escape(self.stem(w) or w) + r"\w*" for w in words)
        ending = f"(?:{self.spec.endings})?" if self.spec.endings else ""
        return re.escape(term) + ending

    def same_term(self, word: str, defined: str) -> bool:
        """Whether ``word`` (as found in a text) is a form of the ``defined`` term."""
        if word.startswith(defined):
            return True
        if self._stemmer is not None:
            stems = [self.stem(w) for w in word.split()]
            return stems == [self.stem(w) for w in defined.split()]
        if self.spec.endings:
            strip = re.compile(f"(?:{self.spec.endings})$")
            return strip.sub("", word) == strip.sub("", defined)
        return word == defined

    def _shorter_stems(self, letters: str, cores: list[str]) -> list[str]:
        """The stems, shorter than a wildcard's letters, that words beginning with those letters take
        (the lexicon's ``wildcard_endings`` tried after them): "subversi*" also matches "subversivas",
        whose stem is "subvers". At most two letters shorter, and at least four long, so that a wildcard
        never reaches another family of words ("propagand*" stays clear of "propag", to spread)."""
        if self._stemmer is None or not self.spec.wildcard_endings or not _WORD.fullmatch(letters):
            return []
        found = {self.stem(letters + ending) for ending in self.spec.wildcard_endings}
        return sorted(s for s in found if s and len(s) >= 4 and not any(s.startswith(c) for c in cores)
                      and any(c.startswith(s) and len(c) - len(s) <= 2 for c in cores))

    def _capped_wildcard(self, letters: str, cores: list[str]) -> str | None:
        """The pattern of a wildcard whose letters stem to something more than two letters shorter
        ("насили*" -> "нас", "courant*" -> "cour") or shorter than four letters ("lapid*" -> "lap"):
        as a prefix, such a stem reaches other families of words ("настоящий", "courrier", "lapso").
        Its reach is capped as :meth:`_shorter_stems` caps it: words whose stem begins with the
        letters less two (at least four), or whose stem is exactly one that a form of the written
        letters takes ("cour", as "courant" itself stems; "vis", as "visés"). None where the stem is
        no such prefix, or is at most two letters shorter and at least four long."""
        if self._stemmer is None or len(cores) != 1 or not _WORD.fullmatch(letters):
            return None
        core = cores[0]
        cut = len(letters) - len(core)
        if not letters.startswith(core) or cut == 0 or (cut <= 2 and len(core) >= 4):
            return None
        prefix = letters[: max(4, len(letters) - 2)]
        own = {self.stem(letters + ending) for ending in ["", *self.spec.wildcard_endings]}
        exact = sorted(s for s in own if s.startswith(core) and not s.startswith(prefix))
        return "(?:" + "|".join([re.escape(prefix) + r"\w*", *(re.escape(s) + r"(?!\w)" for s in exact)]) + ")"

    def _cores(self, word: str) -> tuple[list[str], bool]:
        """A word of a term as matched: its letters (stemmed when the language stems), and
        whether it ends in a wildcard. Each run of letters is stemmed on its own, as in the text
        ("зная," "l'intégrité" "vivre-ensemble"). Before a trailing ``*`` the letters are stemmed
        too; where the stem is no longer a prefix of what was written ("ét" -> "et" while "état"
        stays "état") both forms are tried."""
        star = word.endswith("*") and len(word) > 1
        core = word[:-1] if star else word
        if self._stemmer is None or "*" in core:
            return [core], star
        parts = _WORD.split(core)
        written = list(parts)
        for i in range(1, len(parts), 2):
            parts[i] = self.stem(parts[i]) or parts[i]
        stemmed = "".join(parts)
        if star and len(parts) > 2 and not written[-2].startswith(parts[-2]):
            return [stemmed, "".join(parts[:-2] + written[-2:])], star
        return [stemmed], star

    def first_keys(self, term: str) -> tuple[str, ...] | None:
        """The index keys of a term: the first three letters of its first word as matched, one key
        per form the word may take (its stem and its written form, "vídeo" and "vide"); its first
        character in a character-segmented language. A short word followed by an apostrophe
        ("l'ordre") is a whole word of the text, and is its own key. None when the term can start
        with any word (it starts with a wildcard, or with a short word glued to what follows)."""
        lowered = self._folded(term)
        if self.characters:
            return (lowered[0],) if lowered and lowered[0] not in "*." else None
        first = lowered.split()[0] if lowered.split() else ""
        cores, star = self._cores(first)
        keys: list[str] = []
        for core in cores:
            m = re.match(r"\w+", core)
            if m is None:
                return None
            word = m.group(0)
            after = core[m.end()] if m.end() < len(core) else ""
            forms = [word]
            if len(word) < 3 and after == "-" and not star:
                # "ci-dessous" is written "ci-dessous", "ci dessous" or "cidessous": keyed both ways
                forms.append(re.sub(r"\W", "", core))
            elif len(word) < 3 and (star or after) and not (after and after in _APOSTROPHES):
                return None  # a short beginning glued to what follows: any word may start the term
            for form in forms:
                if form[:3] not in keys:
                    keys.append(form[:3])
        return tuple(keys)
