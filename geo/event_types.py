"""Trigger words and the ACLED type and sub-type they signal.

A trigger is a phrase that says something happened ("clashes erupted", "jets struck", "a suicide
bomber"). Each carries its ACLED type and sub-type; where one clause holds several, ACLED's rule
applies: the higher type wins (Battles over Explosions/Remote violence over Violence against
civilians ...). The trigger words stay on the event, so the app can show why it was typed so.

Examples
--------
>>> [t.sub_event_type for t in find_triggers("Pakistani jets struck hideouts")]
['Air/drone strike']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.record import SUB_EVENT_TYPES, TYPE_RANK

# (pattern, sub-event type). Patterns are matched case-insensitively on word boundaries.
# Nouns that can refer back to an earlier event ("the strikes") are marked by the NOUN set below.
_LEXICON: list[tuple[str, str]] = [
    # Battles
    (r"clash(?:es|ed)?", "Armed clash"),
    (r"(?:heavy |fierce |intense |sporadic )?fighting", "Armed clash"),
    (r"fought", "Armed clash"),
    (r"gun ?battles?|firefights?|shoot-?outs?|skirmish(?:es|ed)?", "Armed clash"),
    (r"exchang(?:ed|es|e|ing) (?:of )?(?:heavy )?(?:gun)?fire", "Armed clash"),
    (r"(?:sporadic |heavy )?gunfire", "Armed clash"),
    (r"ambush(?:ed|es)?", "Armed clash"),
    (r"(?:military|security|ground|counter-?terrorism|targeted|clearance|intelligence-based) operations?",
     "Armed clash"),
    (r"(?:launched|mounted|began) an? (?:\w+ )?offensive|offensive (?:on|against)", "Armed clash"),
    (r"attack(?:ed|ing)? (?:\w+ ){0,2}(?:posts?|positions?|checkpoints?|check posts?|bases?|camps?|convoys?|"
     r"troops|soldiers|forces|patrols?|police (?:stations?|posts?))", "Armed clash"),
    (r"storm(?:ed|ing)", "Armed clash"),
    # Taking a place: the object must be a place ("seized the city's airport", "captured Goma"), not
    # weapons or people, which are other events.
    (r"(?:seiz(?:ed|ing|e)|captur(?:ed|ing|e)|overr(?:an|un|unning)|took|taken|taking|recaptur(?:ed|ing|e)|retook|"
     r"retaking|regain(?:ed|ing)) (?:control (?:of|over) )?(?:the |a )?(?:(?:\w+['’]s |key |strategic |border |"
     r"northern |southern |eastern |western |central )*(?:city|town|village|airport|air base|base|district|area|"
     r"territory|capital|province|region|headquarters|crossing|hill|port|outpost|garrison|neighbourhood|"
     r"neighborhood)s?\b|(?-i:[A-Z])\w*)", "TERRITORY"),
    # Explosions/Remote violence
    (r"air ?strikes?|airstrikes?|air raids?|aerial (?:bombardment|attacks?|strikes?)|drone (?:strikes?|attacks?)|"
     r"drones? (?:struck|hit|attacked)|(?:jets|warplanes|aircraft|planes|helicopters?|gunships?) "
     r"(?:\w+ )?(?:struck|bombed|hit|pounded|attacked|targeted)|bombing raids?|bombed", "Air/drone strike"),
    (r"shell(?:ing|ed|s)|mortars?|artillery|rockets?|missiles?|bombardment|barrages?",
     "Shelling/artillery/missile attack"),
    (r"suicide (?:bomb(?:er|ers|ing|ings)?|attacks?|attackers?|car bombs?|vests?)|"
     r"blew (?:himself|herself|themselves) up|"
     r"explosives?-laden (?:vehicle|car|truck)", "Suicide bomb"),
    (r"roadside bombs?|improvised explosive devices?|\bieds?\b|landmines?|land mines?|mine blasts?|car bombs?|"
     r"bomb (?:blasts?|explosions?|attacks?|went off|exploded)|blasts?|explosions?|detonated",
     "Remote explosive/landmine/IED"),
    (r"grenades?", "Grenade"),
    (r"chemical (?:weapons?|attacks?)|chlorine gas|sarin", "Chemical weapon"),
    # Violence against civilians
    (r"gunmen|massacred?|executed|shot dead|opened fire on (?:\w+ ){0,2}(?:civilians|worshippers|passengers|"
     r"villagers|residents|people|crowds?)|killed (?:\w+ ){0,2}(?:civilians|villagers|worshippers|passengers)|"
     r"(?:attack(?:ed|s)?|assault(?:ed|s)?) (?:on )?(?:\w+ ){0,2}(?:civilians|villagers|worshippers|passengers|"
     r"residents|homes|a (?:market|mosque|church|school|hospital))", "Attack"),
    (r"abduct(?:ed|ion|ions|s)?|kidnap(?:ped|ping|pings|s)?|taken hostage|held hostage",
     "Abduction/forced disappearance"),
    (r"rap(?:ed|es)|sexual (?:violence|assault)", "Sexual violence"),
    # Protests and riots
    (r"protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|sit-ins?|marched", "Peaceful protest"),
    (r"tear ?gas|dispersed (?:the )?(?:protesters|crowds?|demonstrators)|water cannons?", "Protest with intervention"),
    (r"(?:fired|opened fire) on (?:the )?(?:protesters|demonstrators|crowds?)|killed (?:\w+ )?protesters",
     "Excessive force against protesters"),
    (r"riot(?:s|ing|ers|ed)?|torched|set (?:fire|ablaze)|hurled stones|threw stones", "Violent demonstration"),
    (r"mobs?|lynch(?:ed|ing)", "Mob violence"),
    # Strategic developments
    (r"cease-?fire|truce|peace (?:deal|agreement|accord|talks|process)|talks|negotiations?|dialogue|"
     r"agreed to|signed (?:an? |the )?(?:\w+ )?(?:agreement|deal|accord)|agreements?|brokered|"
     r"prisoner (?:exchange|swap)s?", "Agreement"),
    (r"arrest(?:ed|s)|detained|detentions?|taken into custody|rounded up", "Arrests"),
    (r"defused|intercepted|shot down|foiled|bomb disposal", "Disrupted weapons use"),
    (r"loot(?:ed|ing)|ransack(?:ed|ing)|(?:burned|burnt|destroyed|demolished) (?:\w+ ){0,2}(?:homes|houses|shops|"
     r"property|buildings|villages?)", "Looting/property destruction"),
    (r"withdr(?:ew|awn|awal) from|handed over (?:control|the town|the city)", "Non-violent transfer of territory"),
]

# Trigger nouns that, with "the/these/those", refer back to an event already told.
_REFERRING = re.compile(r"\b(?:the|these|those|this|that|its|their)\s+(?:\w+\s+){0,2}$", re.I)

_COMPILED = [(re.compile(rf"\b(?:{p})\b", re.I), sub) for p, sub in _LEXICON]


@dataclass(frozen=True)
class Trigger:
    """A phrase that signals an event, with the ACLED type it points to."""

    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    referring: bool  # "the strikes": refers back to an event already told

    @property
    def rank(self) -> int:
        return TYPE_RANK[self.event_type]


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Triggers in ``text[start:end]``, longest first where they overlap, in text order.

    Parameters
    ----------
    text : str
        The report.
    start, end : int
        The clause or sentence to search, as offsets into ``text``.
    """
    end = len(text) if end is None else end
    found: list[Trigger] = []
    for pattern, sub in _COMPILED:
        for m in pattern.finditer(text, start, end):
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            sub_type = sub
            if sub == "TERRITORY":
                sub_type = territory_sub_type(text[max(start, m.start() - 150):m.start()])
            referring = bool(_REFERRING.search(text[max(start, m.start() - 30):m.start()]))
            found.append(Trigger(m.start(), m.end(), m.group(0), SUB_EVENT_TYPES[sub_type], sub_type, referring))
    return sorted(found, key=lambda t: t.start)


_GOVERNMENT = re.compile(r"\b(?:army|troops|military|government|soldiers|security forces|police|forces loyal to|"
                         r"armed forces|national guard|state forces)\b", re.I)


def territory_sub_type(before: str) -> str:
    """Who took the place: government forces regain territory, anyone else overtakes it."""
    return "Government regains territory" if _GOVERNMENT.search(before) else "Non-state actor overtakes territory"


def dominant(triggers: list[Trigger]) -> Trigger | None:
    """ACLED's rule: within one incident the highest type wins; within a type, the first trigger."""
    return min(triggers, key=lambda t: (t.rank, t.start), default=None)
