"""Cut a provision's text into pieces at the edges of its findings' spans, for renderers that
mark words (HTML, Word): each piece knows which findings cover it and which end with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ..models import Finding


@dataclass
class Piece:
    text: str
    findings: list[int] = field(default_factory=list)  # 1-based finding numbers covering it
    ends: list[int] = field(default_factory=list)  # findings whose span ends with this piece


def pieces(text: str, findings: list[Finding]) -> list[Piece]:
    cuts = {0, len(text)}
    spans = [(s.start, s.end, n) for n, f in enumerate(findings, 1) for s in f.spans]
    for start, end, _ in spans:
        cuts.update((start, end))
    edges = sorted(cuts)
    out: list[Piece] = []
    for a, b in pairwise(edges):
        if a == b:
            continue
        covering = sorted({n for s, e, n in spans if s <= a and b <= e})
        ending = sorted({n for s, e, n in spans if e == b})
        out.append(Piece(text[a:b], covering, ending))
    return out


def marked_pieces(text: str, findings: list[Finding]) -> list[Piece]:
    """The pieces with every run of marked text as one: overlapping or nested spans ("provision of
    access" inside "provision of access to") become one highlight that carries all their findings,
    with all their references at its end."""
    out: list[Piece] = []
    for piece in pieces(text, findings):
        last = out[-1] if out else None
        if last is not None and last.findings and piece.findings:
            last.text += piece.text
            last.findings = sorted(set(last.findings) | set(piece.findings))
            last.ends = sorted(set(last.ends) | set(piece.ends))
        else:
            out.append(Piece(piece.text, list(piece.findings), list(piece.ends)))
    for piece in out:  # a run's references all at its end
        if piece.findings:
            piece.ends = sorted(set(piece.ends) | set(piece.findings))
    return out

