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
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import MorphologySpec

_WORD = re.compile(r"(\w+)")
# A gap of up to six words inside one clause (see matchers.term_pattern).
_SEP = r"[ ,'\"()/-]+"
WORD_GAP = rf"(?:{_SEP}\w+){{0,6}}?{_SEP}"
CHAR_GAP = r"[^.;:!?。；：！？]{0,24}?"


@dataclass
class KeyText:
    """The text terms are matched against, and the way back to the normalised text."""

    text: str
    starts: list[int] | None = None  # key index -> normalised start (None: the same text)
    ends: list[int] | None = None

    def to_norm(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


@dataclass
class Morphology:
    spec: MorphologySpec = field(default_factory=MorphologySpec)

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
        """The normalised text as terms see it: words replaced by their stems."""
        if self._stemmer is None:
            return KeyText(norm)
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        stem = self.stem
        for m in _WORD.finditer(norm):
            gap = norm[pos:m.start()]
            out.append(gap)
            starts.extend(range(pos, m.start()))
            ends.extend(range(pos + 1, m.start() + 1))
            word = stem(m.group()) or m.group()
            out.append(word)
            starts.extend([m.start()] * len(word))
            ends.extend([m.end()] * len(word))
            pos = m.end()
        out.append(norm[pos:])
        starts.extend(range(pos, len(norm)))
        ends.extend(range(pos + 1, len(norm) + 1))
        return KeyText("".join(out), starts, ends)

    def term_pattern(self, term: str) -> str:
        """Regex source for one term of the rule language, as matched in the key text.

        Words are matched whole and case-insensitively; ``*`` stands for any further word
        characters (``justif*``); ``...`` for a gap of up to six words (in a character-segmented
        language, up to 24 characters of the same clause); a space or a hyphen in the term matches
        a space, a hyphen or nothing. With a stemmer, each word of the term is stemmed first (the
        part before a ``*`` too), so the term matches every form with the same stem.
        """
        words = term.strip().lower().split()
        parts: list[str] = []
        gap = CHAR_GAP if self.characters else WORD_GAP
        joiner = r"\s?" if self.characters else r"[ -]?"
        for i, word in enumerate(words):
            if word in {"...", "…"}:
                parts.append(gap)
                continue
            cores, star = self._cores(word)
            pieces = []
            for core in cores:
                piece = ""
                for ch in core:
                    if ch == "*":
                        piece += r"\w*"
                    elif ch == "-":
                        piece += r"[ -]?"
                    else:
                        piece += re.escape(ch)
                pieces.append(piece)
            piece = pieces[0] if len(pieces) == 1 else "(?:" + "|".join(pieces) + ")"
            if star:
                piece += r"\w{0,3}" if self.characters else r"\w*"
            parts.append(piece)
            if i + 1 < len(words) and words[i + 1] not in {"...", "…"} and word not in {"...", "…"}:
                parts.append(joiner)
        body = "".join(parts)
        return body if self.characters else r"(?<!\w)" + body + r"(?!\w)"

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

    def first_key(self, term: str) -> str | None:
        """The index key of a term: the first three letters of its first word as matched (its
        first character in a character-segmented language); None when the term can start with
        any word (it starts with a wildcard, or with a short word glued to one)."""
        lowered = term.strip().lower()
        if self.characters:
            return lowered[0] if lowered and lowered[0] not in "*." else None
        first = lowered.split()[0] if lowered.split() else ""
        cores, star = self._cores(first)
        keys = set()
        for core in cores:
            m = re.match(r"\w+", core)
            if m is None:
                return None
            glued = star or m.end() < len(core)
            word = m.group(0)
            if len(word) < 3 and glued:
                return None
            keys.add(word[:3])
        return keys.pop() if len(keys) == 1 else None
