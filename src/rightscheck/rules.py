"""Load, validate and compile rule packs.

A pack is a folder with a ``pack.yaml`` (name, version, scoring, scope, checklist, vocabularies
and source registry) and any number of rule files (``*.yaml``, each a list of rules). Every error
names the file, the rule id and the line, and says how to fix it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .definitions import NO_DEFINITIONS, DefinitionReader
from .errors import RightscheckError, RuleError
from .lexicon import HeadingsSpec, Lexicon, VocabPattern, plain_terms
from .matchers import Any as AnyOf
from .matchers import Compiled, ElementsOnly, Regex, TermIndex, Terms, compile_matcher, vocab_names
from .morphology import Morphology
from .paths import builtin_rules_dir
from .penalty import PenaltyReader
from .schema import RULE_LANGUAGE, ChecklistDef, Matcher, PackMeta, Rule
from .yamlio import line_of, load_yaml_file

if TYPE_CHECKING:
    from .models import ChecklistItem, SourceOut

PACK_FILE = "pack.yaml"
LEXICON_DIR = "lexicons"


def scoped(pack: str, scope: str) -> str:
    """A scope's name as the engine records it: qualified by its pack."""
    return f"{pack}:{scope}"


def local_scopes(engaged: frozenset[str], pack: str) -> frozenset[str]:
    """The scopes of one pack among those engaged, by their names in that pack."""
    prefix = pack + ":"
    return frozenset(s[len(prefix):] for s in engaged if s.startswith(prefix))


class MissingWords(Exception):
    """A vocabulary (or a rule's own words) has no words in the language being compiled."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class ScopeCondition:
    """A `when`'s scopes as sets: checked for every provision, before anything else."""

    engages: frozenset[str] = frozenset()
    not_engages: frozenset[str] = frozenset()

    @classmethod
    def of(cls, engages: Sequence[str], not_engages: Sequence[str], pack: str | None = None) -> ScopeCondition:
        """The condition with each scope named as the provision's ``engages`` names it: qualified
        by ``pack`` (a rule's, checked against every pack's scopes) or as written."""
        name = (lambda s: scoped(pack, s)) if pack is not None else (lambda s: s)
        return cls(frozenset(map(name, engages)), frozenset(map(name, not_engages)))

    def holds(self, engaged: frozenset[str]) -> bool:
        return self.engages <= engaged and not (self.not_engages & engaged)


@dataclass
class CompiledRule:
    rule: Rule
    pack: Pack
    file: str
    line: int
    condition: ScopeCondition = field(init=False)  # the rule's `when`, scopes named by pack
    unconditional: bool = field(init=False)  # no scope in its `when`: it applies to every provision
    # the rule's sources as reports cite them: the same for every finding, so made once (engine)
    sources_out: list[SourceOut] | None = field(default=None, repr=False, compare=False)
    # its rationale as reports print it (whitespace made single), by language: made once (engine)
    rationales: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.condition = ScopeCondition.of(self.rule.when.engages, self.rule.when.not_engages, self.pack.name)
        self.unconditional = not (self.condition.engages or self.condition.not_engages)

    def applies(self, engaged: frozenset[str]) -> bool:
        return self.unconditional or self.condition.holds(engaged)


@dataclass
class CompiledCheck:
    item: ChecklistDef
    evidence: Compiled | None
    condition: ScopeCondition = field(init=False)  # the item's `when`, in the pack's own scope names
    # the item as reports show it when only a person can answer it: the same every time (checklist)
    open_item: ChecklistItem | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.condition = ScopeCondition.of(self.item.when.engages, self.item.when.not_engages)

    def applies(self, engaged: frozenset[str]) -> bool:
        return self.condition.holds(engaged)


@dataclass
class RulePlan:
    """A selection of rules as one language view runs them."""

    rules: Sequence[CompiledRule]  # the selection (kept: its id keys the plan)
    missing: list[CompiledRule]  # no words in the language: their test cannot pass
    present: list[CompiledRule]
    order: dict[str, int]  # rule id -> place in ``present``


@dataclass
class LanguageView:
    """A pack compiled for one language: its scopes, checklist evidence and rules matched with
    that language's words. A rule some of whose vocabularies have no words in the language is
    listed in ``missing`` (with those vocabularies) and does not run: its test cannot pass."""

    language: str
    lexicon: Lexicon | None
    morphology: Morphology
    scope: dict[str, Compiled] = field(default_factory=dict)
    checklist: list[CompiledCheck] = field(default_factory=list)
    rules: dict[str, tuple[Compiled, Compiled | None]] = field(default_factory=dict)
    # per rule, the term lists one of which must have words in a text for the rule to fire (see
    # Compiled.needs), and the index they belong to: a rule whose lists found nothing is passed over
    needs: dict[str, frozenset[int]] = field(default_factory=dict)
    index: TermIndex | None = None
    missing: dict[str, list[str]] = field(default_factory=dict)
    penalty_reader: PenaltyReader | None = None
    definition_reader: DefinitionReader | None = None
    # term list -> the rules that need it, and the rules that need none (made on first use)
    _by_list: dict[int, list[str]] | None = field(default=None, repr=False)
    _always: frozenset[str] = field(default=frozenset(), repr=False)
    _plans: dict[int, RulePlan] = field(default_factory=dict, repr=False)  # id(selected rules) -> plan

    def plan(self, rules: Sequence[CompiledRule]) -> RulePlan:
        """The selected ``rules`` of this view's pack, split into those with no words in the language
        and those that run (worked out once per selection)."""
        found = self._plans.get(id(rules))
        if found is None or found.rules is not rules:
            if len(self._plans) >= 8:  # a long-lived process makes a selection per run: keep a few
                self._plans.clear()
            mine = [cr for cr in rules if cr.pack.views.get(self.language) is self]
            present = [cr for cr in mine if cr.rule.id not in self.missing]
            found = self._plans[id(rules)] = RulePlan(
                rules, [cr for cr in mine if cr.rule.id in self.missing], present,
                {cr.rule.id: i for i, cr in enumerate(present)})
        return found

    def runnable(self, found: frozenset[int]) -> frozenset[str]:
        """The rules that may fire on a text whose term lists ``found`` have words: those that
        need none, and those one of whose lists is found (the others are passed over unseen)."""
        if self._by_list is None:
            by_list: dict[int, list[str]] = {}
            for rule_id, lists in self.needs.items():
                for list_id in lists:
                    by_list.setdefault(list_id, []).append(rule_id)
            self._by_list = by_list
            self._always = frozenset(r for r in self.rules if r not in self.needs)
        by_list = self._by_list
        return self._always.union(*(by_list[i] for i in found if i in by_list))


@dataclass
class Pack:
    meta: PackMeta
    path: Path
    hash: str
    rules: list[CompiledRule] = field(default_factory=list)
    lexicons: Mapping[str, Lexicon] = field(default_factory=dict)
    lexicon_files: dict[str, str] = field(default_factory=dict)
    headings: list[HeadingsSpec] = field(default_factory=list)  # of every lexicon, for the readers
    views: dict[str, LanguageView] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def version(self) -> str:
        return self.meta.version

    @property
    def reference_language(self) -> str:
        """The language of the words written in the rules and pack.yaml themselves."""
        return self.meta.languages[0]

    @property
    def languages(self) -> list[str]:
        return list(dict.fromkeys([*self.meta.languages, *self.lexicons]))

    def view(self, language: str) -> LanguageView:
        """The pack compiled for ``language`` (once; later calls reuse it)."""
        found = self.views.get(language)
        if found is None:
            found = self.views[language] = compile_language(self, language)
        return found

    @property
    def scope(self) -> dict[str, Compiled]:
        return self.view(self.reference_language).scope

    @property
    def checklist(self) -> list[CompiledCheck]:
        return self.view(self.reference_language).checklist

    def words(self, language: str, name: str) -> VocabPattern | list[str] | None:
        """The words of a vocabulary in a language; None when it has none there."""
        lexicon = self.lexicons.get(language)
        if lexicon is not None and name in lexicon.vocabularies:
            return lexicon.vocabularies[name]
        vocab = self.meta.vocabularies.get(name)
        if language == self.reference_language and vocab is not None and vocab.terms:
            return vocab.terms
        return None

    def vocabulary_names(self) -> set[str]:
        """Every vocabulary the pack declares or its reference lexicon gives words for."""
        names = set(self.meta.vocabularies)
        ref = self.lexicons.get(self.reference_language)
        if ref is not None:
            names |= set(ref.vocabularies)
        return names


@dataclass
class LanguageData:
    """What the engine reads in a provision's language besides the rules' words: its morphology,
    penalty phrasing and definition forms (from the first pack whose lexicon gives them)."""

    language: str
    fold: dict[str, str]
    drop: str
    penalty: PenaltyReader | None
    definitions: DefinitionReader
    morphology: Morphology


def language_data(packs: Sequence[Pack], language: str) -> LanguageData:
    views = [p.view(language) for p in packs if language in p.languages]
    lexicon = next((v.lexicon for v in views if v.lexicon is not None), None)
    return LanguageData(
        language=language,
        fold=dict(lexicon.morphology.fold) if lexicon else {},
        drop=lexicon.morphology.drop if lexicon else "",
        penalty=next((v.penalty_reader for v in views if v.penalty_reader is not None), None),
        definitions=next((v.definition_reader for v in views if v.definition_reader is not None), NO_DEFINITIONS),
        morphology=next((v.morphology for v in views if v.lexicon is not None),
                        views[0].morphology if views else Morphology()),
    )


def compile_language(pack: Pack, language: str) -> LanguageView:
    """Compile a pack's matchers with the words of one language."""
    lexicon = pack.lexicons.get(language)
    morphology = Morphology(lexicon.morphology) if lexicon is not None else Morphology()
    view = LanguageView(language=language, lexicon=lexicon, morphology=morphology)
    if lexicon is not None:
        view.penalty_reader = PenaltyReader(lexicon.penalty, language) if lexicon.penalty else None
        view.definition_reader = DefinitionReader(lexicon.definitions, morphology)
    from . import pack_cache

    memo_key = f"{pack.hash}-{language}-terms-3"
    index = view.index = TermIndex(morphology, pack_cache.load(memo_key), group=language)
    cache: dict[tuple[str, ...], Compiled] = {}
    reference = language == pack.reference_language

    def vocab(names: list[str]) -> Compiled:
        key = tuple(sorted(names))
        if key not in cache:
            terms: list[str] = []
            regexes: list[str] = []
            for n in key:
                words = pack.words(language, n)
                if words is None:
                    raise MissingWords(n)
                if isinstance(words, VocabPattern):
                    regexes.append(words.regex)
                    terms += words.terms
                else:
                    terms += words
            parts: list[Compiled] = [Terms(terms, index)] if terms else []
            parts += [Regex(rx, language) for rx in regexes]
            cache[key] = parts[0] if len(parts) == 1 else AnyOf(parts)
        return cache[key]

    elements: dict[tuple[str, ...], Compiled] = {}

    def element_vocab(names: list[str]) -> Compiled:
        """A vocabulary as elements of the offence: its words in optional and not-required
        clauses do not count (for `when.not_text`, as for `absent`)."""
        key = tuple(sorted(names))
        if key not in elements:
            elements[key] = ElementsOnly(vocab(names))
        return elements[key]

    def build(m: Matcher, lookup: Callable[[list[str]], Compiled] = vocab) -> Compiled:
        if not reference and _has_inline_words(m):
            raise MissingWords("(words written in the rule)")
        return compile_matcher(m, lookup, index)

    for name, scope in pack.meta.scope.items():
        try:
            view.scope[name] = build(scope.match)
        except MissingWords as missing:
            raise RuleError(
                f"scope {name}: vocabulary {missing.name} has no words in language {language!r}",
                file=pack.lexicon_files.get(language, str(pack.path / PACK_FILE)),
                fix="every scope and checklist vocabulary needs words in each language of the pack",
            ) from None
    for item in pack.meta.checklist:
        evidence = None
        if item.evidence is not None:
            try:
                evidence = build(item.evidence)
            except MissingWords as missing:
                raise RuleError(
                    f"checklist item {item.id}: vocabulary {missing.name} has no words in language {language!r}",
                    file=pack.lexicon_files.get(language, str(pack.path / PACK_FILE)),
                    fix="every scope and checklist vocabulary needs words in each language of the pack",
                ) from None
        view.checklist.append(CompiledCheck(item, evidence))
    for cr in pack.rules:
        rule = cr.rule
        not_text = rule.when.not_text
        named = vocab_names(rule.match) | (vocab_names(not_text) if not_text else set())
        absent = sorted(n for n in named if pack.words(language, n) is None)
        if absent:
            view.missing[rule.id] = absent
            continue
        try:
            matcher = build(rule.match)
            unless = build(not_text, element_vocab) if not_text else None
        except MissingWords as missing:
            view.missing[rule.id] = [missing.name]
            continue
        view.rules[rule.id] = (matcher, unless)
        if (needed := matcher.needs()) is not None:
            view.needs[rule.id] = needed
    if index.memo_grew:
        pack_cache.store(memo_key, index.memo)
    return view


def _has_inline_words(m: Matcher) -> bool:
    """Whether a matcher holds words of its own (terms, regex) rather than vocabulary names."""
    if m.terms is not None or m.regex is not None:
        return True
    if isinstance(m.undefined_in_document, list):
        return True
    return any(_has_inline_words(c) for c in m.children())


def find_pack_dirs(root: Path) -> list[Path]:
    """``root`` itself if it is a pack, else every pack folder directly inside it."""
    if not root.exists():
        raise RuleError("rule folder not found", file=str(root), fix="check the --rules path")
    if (root / PACK_FILE).is_file():
        return [root]
    packs = sorted(p for p in root.iterdir() if (p / PACK_FILE).is_file())
    if not packs:
        raise RuleError(
            f"no {PACK_FILE} here or in any folder directly inside",
            file=str(root),
            fix=f"point --rules at a folder that holds {PACK_FILE} and rule files",
        )
    return packs


def _validation_error(exc: ValidationError, data: Any, file: str, prefix: str = "") -> RuleError:
    lines: list[str] = []
    first_line: int | None = None
    for err in exc.errors():
        loc = tuple(err["loc"])
        line = line_of(data, loc)
        first_line = first_line or line
        where = ".".join(str(p) for p in loc) or "(top)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (a typo?)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        lines.append(f"line {line}: {where}: {msg}" if line else f"{where}: {msg}")
    fix = "see docs/rule-language.md for the fields each part takes"
    return RuleError(prefix + "; ".join(lines), file=file, line=first_line, fix=fix)


def _hash_pack(files: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for f in files:
        digest.update(str(f.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(f.read_bytes())
    return "sha256:" + digest.hexdigest()[:16]


def load_pack(path: Path) -> Pack:
    """Load and validate one pack folder; raise :class:`RuleError` on the first bad file. A pack
    loaded before with the same files comes from the cache (see :mod:`.pack_cache`)."""
    from . import pack_cache

    meta_file = path / PACK_FILE
    if meta_file.is_file():
        files = _pack_files(path)
        digest = _hash_pack(files, path)
        cached = pack_cache.load(digest)
        if cached is not None:
            meta, rules, lexicon_files, headings = cached
            by_language = {k: str(path / v) for k, v in lexicon_files.items()}
            pack = Pack(meta=meta, path=path, hash=digest, lexicons=CachedLexicons(digest, by_language),
                        lexicon_files=by_language, headings=headings)
            pack.rules = [CompiledRule(rule=r, pack=pack, file=str(path / f), line=n) for r, f, n in rules]
            return pack
    pack = _load_pack_files(path)
    pack_cache.store(pack.hash, (
        pack.meta, [(cr.rule, str(Path(cr.file).relative_to(path)), cr.line) for cr in pack.rules],
        {k: str(Path(v).relative_to(path)) for k, v in pack.lexicon_files.items()}, pack.headings))
    for language, lexicon in pack.lexicons.items():
        pack_cache.store(CachedLexicons.key(pack.hash, language), lexicon)
    return pack


class CachedLexicons(Mapping[str, Lexicon]):
    """The lexicons of a pack that came from the pack cache, each read from it the first time it is
    asked for: a check in one language reads one lexicon, not every language's (most of what
    loading a cached pack costs). A lexicon missing from the cache is read from its file."""

    def __init__(self, digest: str, files: dict[str, str]) -> None:
        self._digest, self._files = digest, files
        self._loaded: dict[str, Lexicon] = {}

    @staticmethod
    def key(digest: str, language: str) -> str:
        return f"{digest}-lexicon-{language}"

    def __getitem__(self, language: str) -> Lexicon:
        found = self._loaded.get(language)
        if found is None:
            if language not in self._files:
                raise KeyError(language)
            from . import pack_cache

            found = pack_cache.load(self.key(self._digest, language))
            if not isinstance(found, Lexicon):
                found = _read_lexicon(Path(self._files[language]))
            self._loaded[language] = found
        return found

    def __contains__(self, language: object) -> bool:  # without reading the lexicon
        return language in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def _pack_files(path: Path) -> list[Path]:
    rule_files = sorted(p for p in path.glob("*.yaml") if p.name != PACK_FILE)
    lexicon_dir = path / LEXICON_DIR
    lexicon_paths = sorted(lexicon_dir.glob("*.yaml")) if lexicon_dir.is_dir() else []
    return [path / PACK_FILE, *rule_files, *lexicon_paths]


def _load_pack_files(path: Path) -> Pack:
    """Load, validate and compile a pack, in three steps: read ``pack.yaml`` and the lexicons (a
    broken ``pack.yaml`` stops at once: nothing can be checked without it); validate every rule
    and cross-reference, collecting the problems so that a lawyer fixing a pack sees them all in
    one run; then compile the pack's own language, so that a broken expression shows at load."""
    meta, meta_doc, meta_file = _load_meta(path)
    rule_files = sorted(p for p in path.glob("*.yaml") if p.name != PACK_FILE)
    lexicon_dir = path / LEXICON_DIR
    lexicon_paths = sorted(lexicon_dir.glob("*.yaml")) if lexicon_dir.is_dir() else []
    pack = Pack(meta=meta, path=path, hash=_hash_pack([meta_file, *rule_files, *lexicon_paths], path))
    _load_lexicons(pack, lexicon_paths)
    known_vocab = pack.vocabulary_names()
    problems = _meta_problems(pack, meta_doc, meta_file, known_vocab)
    problems += _load_rules(pack, rule_files, meta_file, known_vocab)
    problems += _pack_problems(pack, meta, meta_file, meta_doc)
    problems += _lexicon_problems(pack, known_vocab)
    if not problems:
        problems += _compile_problems(pack, meta_file)
    _raise_all(problems, meta.name)
    return pack


def _load_meta(path: Path) -> tuple[PackMeta, Any, Path]:
    meta_file = path / PACK_FILE
    meta_doc = load_yaml_file(meta_file, error=RuleError)
    raw = meta_doc.data
    if not isinstance(raw, dict):
        raise RuleError("pack.yaml must be a mapping", file=str(meta_file), line=1)
    if raw.get("rule_language", 1) != RULE_LANGUAGE:
        raise RuleError(
            f"this pack is written in rule language {raw.get('rule_language', 1)}; rightscheck reads version "
            f"{RULE_LANGUAGE}", file=str(meta_file), line=1,
            fix=f"rightscheck migrate-rules {path} (rewrites the pack in place, keeping its comments; "
            "docs/rule-language.md says what changed)")
    try:
        return PackMeta.model_validate(raw), meta_doc, meta_file
    except ValidationError as exc:
        raise _validation_error(exc, meta_doc.lines, str(meta_file)) from None


def _load_lexicons(pack: Pack, lexicon_paths: list[Path]) -> None:
    lexicons: dict[str, Lexicon] = {}
    for lex_file in lexicon_paths:
        lexicon = lexicons[lex_file.stem] = _read_lexicon(lex_file)
        pack.lexicon_files[lexicon.language] = str(lex_file)
        pack.headings.append(lexicon.headings)
    pack.lexicons = lexicons


def _read_lexicon(lex_file: Path) -> Lexicon:
    lex_doc = load_yaml_file(lex_file, error=RuleError)
    try:
        lexicon = Lexicon.model_validate(lex_doc.data)
    except ValidationError as exc:
        raise _validation_error(exc, lex_doc.lines, str(lex_file)) from None
    if lex_file.stem != lexicon.language:
        raise RuleError(f"lexicon file {lex_file.name} declares language {lexicon.language!r}",
                        file=str(lex_file), line=1, fix=f"name the file {lexicon.language}.yaml")
    return lexicon


def _vocab_problem(pack: Pack, matcher: Any, known: set[str], file: str, line: int | None,
                   who: str) -> list[RuleError]:
    unknown = sorted(vocab_names(matcher) - known)
    if not unknown:
        return []
    return [RuleError(f"{who}: unknown vocabulary {', '.join(unknown)}", file=file, line=line,
                      fix=f"give it words in {LEXICON_DIR}/{pack.meta.languages[0]}.yaml (or under 'vocabularies:' "
                      f"in {pack.path / PACK_FILE}), or fix the name")]


def _meta_problems(pack: Pack, meta_doc: Any, meta_file: Path, known: set[str]) -> list[RuleError]:
    meta, problems = pack.meta, []
    for name, scope in meta.scope.items():
        problems += _vocab_problem(pack, scope.match, known, str(meta_file), meta_doc.line_of(("scope", name)),
                                   f"scope {name}")
    # only the scopes a pack.yaml names: a pack that leaves engaging_scopes out gets the default [expression]
    # whether or not it defines such a scope
    for key in ("exempt_scopes", "engaging_scopes"):
        named = getattr(meta, key) if key in meta_doc.data else []
        problems += [RuleError(f"{key} names scope {name!r}, which the pack does not define",
                               file=str(meta_file), line=meta_doc.line_of((key,)),
                               fix=f"define it under 'scope:' or remove it from '{key}'")
                     for name in named if name not in meta.scope]
    problems += [RuleError(f"scope {name} implies scope {implied!r}, which the pack does not define",
                           file=str(meta_file), line=meta_doc.line_of(("scope", name)),
                           fix="define it under 'scope:' or remove it from 'implies'")
                 for name, scope in meta.scope.items() for implied in scope.implies if implied not in meta.scope]
    for item in meta.checklist:
        if item.evidence is not None:
            problems += _vocab_problem(pack, item.evidence, known, str(meta_file), None, f"checklist item {item.id}")
    return problems


def _load_rules(pack: Pack, rule_files: list[Path], meta_file: Path, known: set[str]) -> list[RuleError]:
    """Read and validate every rule; the good ones join the pack, the problems are returned."""
    problems: list[RuleError] = []
    seen: dict[str, str] = {}
    for rule_file in rule_files:
        try:
            rule_doc = load_yaml_file(rule_file, error=RuleError)
        except RuleError as err:
            problems.append(err)
            continue
        data = rule_doc.data
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(RuleError("a rule file is a list of rules (each starting with '- id:')",
                                      file=str(rule_file), line=1))
            continue
        for index, entry in enumerate(data):
            rid = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
            line = rule_doc.id_lines.get(str(rid))
            try:
                rule = Rule.model_validate(entry)
            except ValidationError as exc:
                problems.append(_validation_error(exc, rule_doc.lines[index], str(rule_file), prefix=f"rule {rid}: "))
                continue
            found = _rule_problems(rule, rule_file, line, pack.meta, meta_file, seen, pack.languages)
            for ident in (rule.id, *rule.aliases):
                seen.setdefault(ident, rule_file.name)
            for matcher in (rule.match, rule.when.not_text):
                if matcher is not None:
                    found += _vocab_problem(pack, matcher, known, str(rule_file), line, f"rule {rule.id}")
            if found:
                problems.extend(found)
                continue
            pack.rules.append(CompiledRule(rule=rule, pack=pack, file=str(rule_file), line=line or 1))
    return problems


def _compile_problems(pack: Pack, meta_file: Path) -> list[RuleError]:
    view = pack.view(pack.reference_language)  # compiled now: a broken expression shows at load
    return [RuleError(f"rule {rid}: vocabulary {', '.join(names)} has no words in the pack's own "
                      f"language {pack.reference_language!r}", file=str(meta_file),
                      fix=f"give it words in {LEXICON_DIR}/{pack.reference_language}.yaml")
            for rid, names in view.missing.items() if not names[0].startswith("(")]


def _raise_all(problems: list[RuleError], pack_name: str) -> None:
    if len(problems) == 1:
        raise problems[0]
    if problems:
        first = problems[0]
        raise RuleError(
            f"{len(problems)} problems in pack {pack_name}:\n" + "\n".join(f"- {p.render()}" for p in problems),
            file=first.file, line=first.line, fix="fix each of them; validate-rules lists them all at once",
        )


def _rule_problems(rule: Rule, rule_file: Path, line: int | None, meta: PackMeta, meta_file: Path,
                   seen: dict[str, str], languages: list[str]) -> list[RuleError]:
    """What is wrong with one validated rule in its pack: reused ids, unknown sources, languages or
    scopes."""
    out: list[RuleError] = []

    def problem(message: str, fix: str) -> None:
        out.append(RuleError(message, file=str(rule_file), line=line, fix=fix))

    for ident in (rule.id, *rule.aliases):
        if ident in seen:
            problem(f"rule {rule.id}: id {ident} is already used in {seen[ident]}",
                    "give each rule a new id; ids and aliases are never reused")
    for cite in [*rule.sources, *([rule.remedy.model] if rule.remedy.model else [])]:
        if cite.ref not in meta.sources:
            problem(f"rule {rule.id}: source {cite.ref!r} is not in the pack's registry",
                    f"add it under 'sources:' in {meta_file}, or use one of: {', '.join(sorted(meta.sources))}")
    for cond in (*rule.when.engages, *rule.when.not_engages):
        if cond not in meta.scope:
            problem(f"rule {rule.id}: 'when' names scope {cond!r}, which the pack does not define",
                    f"define it under 'scope:' in {meta_file}")
    return out


def _pack_problems(pack: Pack, meta: PackMeta, meta_file: Path, meta_doc: Any) -> list[RuleError]:
    """What is wrong across the pack: signals, checklist items and the rules they name."""
    out: list[RuleError] = []
    known = {r.rule.id for r in pack.rules}
    signal_ids = {s.id for s in meta.signals}
    checklist_ids = {item.id for item in meta.checklist}
    for signal in meta.signals:
        if signal.checklist and signal.checklist not in checklist_ids:
            out.append(RuleError(f"signal {signal.id} names unknown checklist item {signal.checklist!r}",
                                 file=str(meta_file), line=meta_doc.line_of(("signals",)),
                                 fix=f"use one of: {', '.join(sorted(checklist_ids))}"))
    for cr in pack.rules:
        unknown_signals = sorted(set(cr.rule.signals) - signal_ids)
        if unknown_signals:
            out.append(RuleError(f"rule {cr.rule.id}: unknown signal(s) {', '.join(unknown_signals)}",
                                 file=cr.file, line=cr.line,
                                 fix=f"declare them under 'signals:' in {meta_file} or fix the ids"))
        if not any(item.test == cr.rule.test and (cr.rule.category in item.categories or cr.rule.id in item.rules)
                   for item in meta.checklist):
            out.append(RuleError(
                f"rule {cr.rule.id}: no checklist item of test {cr.rule.test} takes category "
                f"{cr.rule.category!r}, so its findings would not reach the checklist",
                file=cr.file, line=cr.line,
                fix=f"add the category to a checklist item in {meta_file}, or fix the category"))
    for item in meta.checklist:
        unknown = sorted(set(item.rules) - known)
        if unknown:
            out.append(RuleError(f"checklist item {item.id} names unknown rule(s): {', '.join(unknown)}",
                                 file=str(meta_file), fix="fix the rule ids or remove them from the item"))
    return out

def _lexicon_problems(pack: Pack, known_vocab: set[str]) -> list[RuleError]:
    """Lexicon words for vocabularies no rule knows (a typo), and examples for unknown rules."""
    out: list[RuleError] = []
    rule_ids = {cr.rule.id for cr in pack.rules}
    for language, lexicon in pack.lexicons.items():
        file = pack.lexicon_files[language]
        unknown = sorted(set(lexicon.vocabularies) - known_vocab)
        if unknown and language != pack.reference_language:
            out.append(RuleError(f"lexicon {language}: words for unknown vocabulary {', '.join(unknown)}",
                                 file=file, fix="use the names of the reference lexicon's vocabularies"))
        stray = sorted((set(lexicon.examples) | set(lexicon.texts)) - rule_ids)
        if stray:
            out.append(RuleError(f"lexicon {language}: examples or texts for unknown rule(s) {', '.join(stray)}",
                                 file=file, fix="fix the rule ids"))
        if lexicon.morphology.segmentation == "words":
            out += _unreachable_terms(lexicon, file)
    for language in pack.meta.languages[1:]:
        if language not in pack.lexicons:
            out.append(RuleError(f"the pack declares language {language!r} but has no lexicon for it",
                                 file=str(pack.path / PACK_FILE),
                                 fix=f"add {LEXICON_DIR}/{language}.yaml or remove it from 'languages:'"))
    return out


def _unreachable_terms(lexicon: Lexicon, file: str) -> list[RuleError]:
    """Terms that start with neither a letter nor ``*``: terms are tried where words start, so such a
    term ("'s reputation") never matches."""
    out: list[RuleError] = []
    for name, words in lexicon.vocabularies.items():
        for term in plain_terms(words):
            if not (term[:1].isalnum() or term.startswith("*")):
                out.append(RuleError(
                    f"lexicon {lexicon.language}: the term {term!r} of vocabulary {name} starts with neither a "
                    "letter nor '*', so it never matches (terms are tried where words start)", file=file,
                    fix="start the term with its first word, or write the vocabulary as a regex"))
    return out


def load_packs(dirs: list[Path] | None = None) -> list[Pack]:
    """Load the packs in ``dirs`` (each a pack or a folder of packs); built-in packs if None."""
    roots = dirs or [builtin_rules_dir()]
    packs: list[Pack] = []
    names: set[str] = set()
    for root in roots:
        for pack_dir in find_pack_dirs(root):
            pack = load_pack(pack_dir)
            if pack.name in names:
                raise RuleError(
                    f"two packs are named {pack.name!r}", file=str(pack_dir / PACK_FILE),
                    fix="give each pack its own name",
                )
            names.add(pack.name)
            packs.append(pack)
    rule_ids: dict[str, str] = {}
    for pack in packs:
        for cr in pack.rules:
            for ident in (cr.rule.id, *cr.rule.aliases):
                if ident in rule_ids and rule_ids[ident] != pack.name:
                    raise RuleError(
                        f"rule id {ident} is used by packs {rule_ids[ident]} and {pack.name}",
                        file=cr.file, line=cr.line, fix="rule ids are unique across packs",
                    )
                rule_ids[ident] = pack.name
    return packs


def select_rules(
    packs: list[Pack], select: list[str] | None, ignore: list[str] | None, preview: bool = False
) -> list[CompiledRule]:
    """The rules to run. Selectors: an id or alias, an id prefix ending in '-' (``LEG-``),
    ``test:NAME``, ``category:NAME``, ``pack:NAME`` or ``ALL``. Ignore beats select."""
    def hits(cr: CompiledRule, selector: str) -> bool:
        r = cr.rule
        if selector == "ALL":
            return True
        if selector.startswith("test:"):
            return r.test == selector[5:]
        if selector.startswith("category:"):
            return r.category == selector[9:]
        if selector.startswith("pack:"):
            return cr.pack.name == selector[5:]
        if selector.endswith("-"):
            return r.id.startswith(selector) or any(a.startswith(selector) for a in r.aliases)
        return selector in (r.id, *r.aliases)

    chosen: list[CompiledRule] = []
    for pack in packs:
        for cr in pack.rules:
            hidden = cr.rule.status == "deprecated" or (cr.rule.status == "preview" and not preview)
            if hidden and not (select and cr.rule.id in select):
                continue
            if select and not any(hits(cr, s) for s in select):
                continue
            if ignore and any(hits(cr, s) for s in ignore):
                continue
            chosen.append(cr)
    return chosen


def check_selectors(packs: list[Pack], option: str, selectors: list[str] | None) -> None:
    """Every selector must name something the packs have (an id, an id prefix, a test, a category
    or a pack): a mistyped one would otherwise silently switch rules off and give a clean report."""
    import difflib

    ids = known_selectors(packs)
    forms: dict[str, set[str]] = {
        "test:": {cr.rule.test for p in packs for cr in p.rules},
        "category:": {cr.rule.category for p in packs for cr in p.rules},
        "pack:": {p.name for p in packs},
    }
    for s in selectors or []:
        prefix = next((k for k in forms if s.startswith(k)), None)
        if s == "ALL" or s in ids:
            continue
        if prefix is not None and s[len(prefix):] in forms[prefix]:
            continue
        if prefix is None and ":" not in s and s.endswith("-") and any(i.startswith(s) for i in ids):
            continue
        candidates = sorted(ids | {f"{k}{v}" for k, vs in forms.items() for v in vs} | {"ALL"})
        near = difflib.get_close_matches(s, candidates, n=3, cutoff=0.6)
        raise RightscheckError(
            f"{option}: {s!r} selects nothing" + (f" (did you mean {', '.join(near)}?)" if near else ""),
            fix="run 'rightscheck rules' for the ids; prefixes end in '-' (LEG-); or use test:NAME "
            "(legality, legitimate_aim, necessity, proportionality), category:NAME or pack:NAME",
        )


def known_selectors(packs: list[Pack]) -> set[str]:
    ids: set[str] = set()
    for pack in packs:
        for cr in pack.rules:
            ids.add(cr.rule.id)
            ids.update(cr.rule.aliases)
    return ids
