"""What a place mention does in its sentence, before events are read.

- ``dateline``: where the report was filed ("RAWALPINDI:", "KYIV, April 14 -");
- ``metonym``: a capital or country standing for its government ("Moscow said", "directives received
  from Kabul", "Islamabad intensifying efforts", "Kinshasa cut ties with Kigali");
- ``other``: everything else for now; :mod:`geo.events` upgrades to ``event`` the places where
  something happened.

Examples
--------
>>> metonym_reason("Moscow said it had targeted a meeting.", 0, 6, possessive=False)
'subject of a statement'
"""

from __future__ import annotations

import re

# Verbs a government does: "Moscow said", "Kabul called the raids...", "Islamabad intensifying efforts".
_GOVERNMENT_VERBS = (
    r"said|says|say|told|tells|called|calls|accused|accuses|denied|denies|announced|announces|warned|warns|"
    r"urged|urges|demanded|demands|rejected|rejects|condemned|condemns|insisted|insists|claimed|claims|cut|cuts|"
    r"recalled|recalls|summoned|summons|responded|responds|retaliated|vowed|vows|threatened|threatens|signed|"
    r"blamed|blames|dismissed|welcomed|welcomes|expelled|imposed|ordered|maintains|maintained|acknowledged|"
    r"reiterated|hopes|hoped|wants|wanted|believes|sent|sends|agreed|agrees|refused|refuses|offered|offers|"
    r"asked|asks|protested|sought|seeks|backed|backs|supported|supports|recognised|recognized|decided|"
    r"intensif\w*|seek\w*|push\w*|press\w*|insist\w*|accus\w*|demand\w*|deny\w*|deni\w*|step\w* up|"
    r"has|have|had|is|was|will|would|could|should|must|may|might|can"
)
_SUBJECT = re.compile(rf"^(?:['’]s?\s+\w+\s+)?\s*(?:,[^,]{{1,60}},\s*)?(?:also\s+|has\s+|had\s+|have\s+|"
                      rf"officially\s+|reportedly\s+|later\s+|then\s+)?(?:{_GOVERNMENT_VERBS})\b", re.I)
_WITH_ING = re.compile(r"\bwith\s+$", re.I)
_ING = re.compile(r"^\s+\w+ing\b", re.I)
# Nouns after "X's" that make X a government, against those that keep it a place ("Turkey's capital").
_GOVERNMENT_NOUNS = re.compile(
    r"^['’]s?\s+(?:\w+\s+)?(?:government|officials?|ministry|ministers?|foreign|army|military|position|stance|"
    r"demands?|concerns?|calls?|directives?|instructions?|orders?|counter-?terrorism|leadership|leaders?|"
    r"delegation|envoys?|president|prime|decision|policy|policies|response|allies|backing|support|request|"
    r"proposals?|offer|refusal|claims?|accusations?|ambassador|embassy|regime|rulers?|authorities|"
    r"administration|negotiators?|diplomats?|intelligence|spokes\w+|statement|warnings?|threats?|approach|"
    r"relations|ties|interests?|role|efforts?|assurances?|commitments?)\b", re.I)
_FROM_GOVERNMENT = re.compile(
    r"\b(?:directives?|instructions?|orders?|guidance|control|pressure|approval|permission|signals?|word|envoys?|"
    r"delegations?|officials?|messages?|calls?|demands?|backing|support|assurances?)\s+(?:\w+\s+){0,2}"
    r"(?:from|by|of)\s+$", re.I)
_RELATION_WITH = re.compile(r"\b(?:ties|relations|talks|negotiations|dialogue|agreement|deal|contacts?|tensions?|"
                            r"dispute|rift|row|standoff)\s+(?:\w+\s+){0,2}(?:with|between)\s+(?:\w+\s+(?:and|&)\s+)?$",
                            re.I)
_ACTOR_PARTICIPLE = re.compile(r"^[-‐–]\s*(?:backed|based|sponsored|funded|led|allied|aligned|supported|brokered)\b",
                               re.I)
_BY_MEDIATOR = re.compile(r"\b(?:mediated|brokered|hosted|backed|supported|sponsored|funded|accused|urged|"
                          r"blamed|condemned)\s+(?:\w+\s+){0,2}by\s+(?:\w+\s+(?:and|&)\s+)?$", re.I)


def metonym_reason(text: str, start: int, end: int, *, possessive: bool) -> str | None:
    """Why the place at ``text[start:end]`` stands for a government here, or ``None`` when it does not."""
    before = text[max(0, start - 80):start]
    after = text[end:end + 80]
    if _LOCATIVE_BEFORE.search(before):
        return None  # "in Kabul", "at Doha": a place, whatever follows
    if possessive:
        return "possessive of a government noun" if _GOVERNMENT_NOUNS.match(after) else None
    if _FROM_GOVERNMENT.search(before):
        return "source of directives"
    if _RELATION_WITH.search(before):
        return "party to relations"
    if _ACTOR_PARTICIPLE.match(after):
        return "backer"
    if _BY_MEDIATOR.search(before):
        return "agent of a statement or mediation"
    if _WITH_ING.search(before) and _ING.match(after):
        return "agent of an action"
    if _SUBJECT.match(after) and _starts_clause(before):
        return "subject of a statement"
    return None


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|inside|outside|across|around|into|through|toward|towards|"
                              r"the (?:centre|center|outskirts|city|town) of)\s+(?:the\s+)?$", re.I)
_CLAUSE_START = re.compile(r"(?:^|[.;:!?\"“]\s*|,\s*(?:and|but|while|as|after|when)?\s*|\b(?:and|but|while|that|as|"
                           r"after|when|where|because|since|though|although)\s+|^\s*)$", re.I)


def _starts_clause(before: str) -> bool:
    """A subject starts its clause: nothing but a conjunction or punctuation comes before it."""
    return bool(_CLAUSE_START.search(before[-40:])) or before.strip() == ""


def assign_roles(text: str, mentions: list, *, is_government_seat) -> None:
    """Set ``dateline`` and ``metonym`` roles on resolved mentions; everything else starts as ``other``.

    Parameters
    ----------
    mentions : list of geo.toponyms.Mention
        Resolved mentions, in text order.
    is_government_seat : callable
        Whether a gazetteer entry can stand for a government (a country, a capital, a first-level
        division): "Moscow said" is a metonym, "Sumy said" is not.
    """
    for m in mentions:
        if m.place is None:
            continue
        if m.dateline:
            m.role = "other" if m.qualifies is not None else "dateline"
            m.why.append("dateline")
            continue
        if m.form == "name" and is_government_seat(m.place):
            reason = metonym_reason(text, m.start, m.end, possessive=m.possessive)
            if reason:
                m.role = "metonym"
                m.why.append(reason)
