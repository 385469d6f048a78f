"""Trigger words and the ACLED type and sub-type they signal.

A trigger is a phrase that says something happened ("clashes erupted", "jets struck", "a suicide
bomber"). Each carries its ACLED type and sub-type; where one incident holds several, ACLED's rule
applies: the higher type wins (Battles over Explosions/Remote violence over Violence against
civilians ...). Some triggers are typed by their context: an attack on a checkpoint is a battle, an
attack on a market is violence against civilians; a crowd that storms a building riots. The
trigger words stay on the event, so the app can show why it was typed so.

All patterns are compiled into one alternation and matched in one pass over the text.

Examples
--------
>>> [t.sub_event_type for t in find_triggers("Pakistani jets struck hideouts")]
['Air/drone strike']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from geo import lexicon
from geo.fatalities import CIVILIAN_WORDS, MILITANT_WORDS, SECURITY_WORDS
from geo.record import SUB_EVENT_TYPES, TYPE_RANK

_CONTROL_OF = r"(?:(?:full |complete |total )?control (?:of|over) )?"
_TERRITORY_OBJECT = (
    _CONTROL_OF + r"(?:the |a |its )?(?:[\w'’-]+ ){0,3}?(?:city|town|village|"
    r"airport|air base|base|camp|"
    r"district|area|territory|capital|province|region|headquarters|crossing|hill|port|outpost|garrison|posts|"
    r"neighbourhood|neighborhood|centre|center|outskirts|parts|stronghold|bastion|county|positions?|palace|"
    r"bridge|refinery|dam)s?\b"
    r"|" + _CONTROL_OF + r"(?:the )?(?-i:[A-Z])\w*")

# (pattern, sub-event type). Upper-case pseudo types are resolved from context (see _resolve).
_LEXICON: list[tuple[str, str]] = [
    # Battles
    (r"clash(?:es|ed|ing)?", "Armed clash"),
    (r"(?:heavy |fierce |intense |sporadic |renewed )?fighting|fought", "Armed clash"),
    (r"gun ?battles?|gun ?fights?|firefights?|shoot-?outs?|skirmish(?:es|ed)?|exchange of fire|crossfire",
     "Armed clash"),
    (r"(?:exchang(?:ed|es|e|ing)|trad(?:ed|es|e|ing)) (?:heavy )?(?:gun)?fire", "Armed clash"),
    (r"(?:sporadic |heavy )?gunfire|came under (?:heavy )?fire|come under (?:heavy )?fire", "Armed clash"),
    (r"sieges?|besieged|encircled", "Armed clash"),
    (r"(?:military|security|ground|counter-?terrorism|counter-?insurgency|targeted|clearance|intelligence-based) "
     r"operations?|(?:launched|began|begun|started|conducted|carried out) (?:an? |the |their )?(?:[\w-]+ )?operations? "
     r"against|operations? against (?:the )?(?:militants|terrorists|insurgents|rebels|jihadists|khawarij|gangs?)",
     "Armed clash"),
    (r"offensives?|counter-?offensives?", "Armed clash"),
    (r"(?:drove|driven|pushed) (?:[\w-]+ ){0,3}out of", "TERRITORY"),
    # "cleared the valley of militants", "cleared the Datta Khel area after a three-day operation" (but a
    # bomb squad clearing an area takes nothing)
    (r"cleared (?:[\w'’-]+ ){0,4}?(?:of (?:militants|terrorists|insurgents|rebels|fighters|jihadists|gunmen)|"
     r"after (?:an? )?(?:[\w-]+ )?(?:operation|offensive|assault|battle))", "TERRITORY"),
    (r"(?:seiz(?:ed|ing|e)|captur(?:ed|ing|e)|overr(?:an|un|unning)|took|taken|taking|recaptur(?:ed|ing|e)|retook|"
     r"retaking|regain(?:ed|ing)|entered|swept into|controlled (?:most|all|much|parts) of|"
     r"retaken|retake|reclaimed|liberated|wrested|"
     rf"(?:have|has|had|were|was) (?:now )?control(?:led)? (?:of|over)) (?:{_TERRITORY_OBJECT})", "TERRITORY"),
    # Attacks typed by their target
    (r"attack(?:ed|s|ing)?|assault(?:ed|s)?|raid(?:ed|s)?|storm(?:ed|ing)|opened fire|fir(?:ed|ing) (?:on|at|upon)|"
     r"shot at|rammed|overran|overrun|ambush(?:ed|es)?|"
     # an attempt is an attack: "militants tried to storm the port complex"
     r"(?:tried|attempted|trying|attempting) to (?:storm|attack|overrun|raid|seize)", "ATTACK"),
    # "security forces killed 10 militants", "militants killed two soldiers": typed by whom it hits, and only
    # where the clause names nothing else (a killing is what most incidents do, not what they are)
    (r"(?:killed|killing|neutrali[sz](?:ed|ing)|eliminat(?:ed|ing)) (?:\w+ ){0,4}?(?:militants|terrorists|"
     r"insurgents|jihadists|rebels|fighters|khawarij|soldiers|troops|policemen|police officers|security personnel|"
     r"paramilitaries|militiamen|gang members|gangsters|bandits|gunmen|attackers|assailants|kidnappers)", "ATTACK"),
    # Explosions/Remote violence
    (r"drones? (?:[\w-]+ )?dropp(?:ed|ing) (?:\w+ ){0,2}(?:explosives|bombs|grenades|munitions|charges)|"
     r"air ?strikes?|airstrikes?|air raids?|air attacks?|aerial (?:bombardment|attacks?|strikes?)|drone (?:strikes?|"
     r"attacks?)|drones? (?:[\w-]+ ){0,7}?(?:struck|hit|attacked|pounded|slammed|set fire|set ablaze)|"
     # glide and barrel bombs are dropped from aircraft
     r"(?:glide|barrel|guided|guided aerial|aerial) bombs?|(?:jets?|warplanes?|aircraft|planes?|helicopters?|gunships?|"
     r"bombers(?<!suicide bombers)) (?:\w+ ){0,2}?(?:struck|bombed|hit|pounded|attacked|targeted|fired|dropped)|"
     r"bombing raids?|"
     r"bombed|bombardment|bombing (?:a|an|the|its|their|civilian|residential) |"
     r"dropp(?:ed|ing) (?:\w+ ){0,2}(?:bombs|explosives|munitions) on|"
     r"(?:air |missile |drone )?strikes (?:\w+ )?(?:hit|struck|targeted|pounded|slammed|killed|wounded|injured)|"
     # the passive: "a vessel was struck by a drone", "hit by Russian warplanes"
     r"(?:struck|hit|targeted|attacked|bombed) by (?:an? |two |three |several |\w+ )?(?:[\w-]+ )?(?:drones?|"
     r"unmanned aerial vehicles?|warplanes?|jets?|aircraft|helicopters?|gunships?)|"
     # "18 fighters were killed in strikes near Abu Kamal": strikes that kill are not labour strikes
     r"(?:killed|wounded|injured|died) in (?:\w+ )?strikes|"
     # "strikes in Kunar province wounded four civilians": nor are strikes that wound
     r"strikes (?:in|on|near|around) (?:[\w'’-]+ ){1,4}?(?:killed|wounded|injured)|"
     # "an Israeli strike on a car": a strike on something is from the air (a strike on Monday is not)
     r"strikes? (?:on|against|targeting)(?! (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)", "Air/drone strike"),
    (r"shell(?:ing|ed|s)|mortars?|artillery|tank (?:fire|shells?|rounds?)|rockets?|missiles?|barrages?|"
     r"rocket-propelled grenades?|rpgs?",
     "Shelling/artillery/missile attack"),
    (r"suicide (?:bomb(?:er|ers|ing|ings)?|attacks?|attackers?|car bombs?|vests?|blasts?|explosions?)|"
     r"(?:car|truck|vehicle) bombs? (?:driven|detonated|carried) by (?:an? |two |three |\w+ )?suicide|"
     r"blew (?:himself|herself|themselves) up|explosives?-laden (?:vehicle|car|truck)s?", "Suicide bomb"),
    (r"roadside bombs?|improvised explosive devices?|ieds?|landmines?|land mines?|mine blasts?|(?:car|truck|"
     r"motorcycle) bombs?|bombs? (?:blasts?|explosions?|attacks?|(?:had |has )?(?:went|gone) off|"
     r"(?:had |has )?exploded)|bombings?|blasts?|explosions?|"
     # "a bomb killed two", "a bomb planted in a cart", "a magnetic bomb attached to a car"
     r"bombs? (?:killed|killing|kills|planted|hidden|placed|attached|fitted|strapped|concealed|rigged|tore|"
     r"ripped)|remote-controlled (?:bombs?|devices?|explosives?)|(?:magnetic|sticky|pipe|nail|"
     r"time|parcel|homemade|crude) bombs?|"
     r"detonated|bombs? exploded|blew up|(?:car|truck|vehicle|motorcycle|van)s? (?:packed|loaded|laden|rigged|filled) "
     r"with explosives", "Remote explosive/landmine/IED"),
    (r"grenades?", "Grenade"),
    (r"(?:poison |chemical |toxic |chlorine )gas attacks?|chemical (?:weapons?|attacks?)|chlorine (?:gas|attacks?)|"
     r"sarin|poison gas|gas attacks?|toxic gas|nerve agents?", "Chemical weapon"),
    # Violence against civilians
    (r"massacr(?:ed|es?)|executed|shot dead|gunned down|hacked to death|beheaded|decapitated|lynch(?:ed|ing)|"
     # whoever fatalities.py counts as civilians: "killed four Punjabi labourers", "killed two engineers"
     r"(?:killed|killings? of) (?:\w+ ){0,4}?(?:" + CIVILIAN_WORDS + r"|displaced)\b|"
     # "a candidate was shot at a rally", "two journalists were shot and wounded"
     r"(?:was|were|had been|has been|have been|being|after being) shot(?! dead| down)\b|"
     # the passive: "at least 23 people were killed in ...", "100 worshippers were shot dead at ..."
     r"(?:civilians|villagers|worshippers|passengers|farmers|residents|people|pilgrims|mourners|travell?ers) "
     r"(?:were|have been|had been) (?:\w+ )?(?:killed|shot dead|gunned down|massacred)|"
     r"bod(?:y|ies) (?:of (?:\w+ ){1,3})?(?:was |were |have been |had been )?(?:found|discovered|recovered|dumped)",
     "Attack"),
    (r"abduct(?:ed|ion|ions|s|ing)?|kidnap(?:ped|ping|pings|s)?|taken hostage|held hostage|took (?:\w+ ){0,8}hostage|"
     r"taking (?:\w+ ){0,8}hostage|(?:seized|snatched|took) (?:\w+ ){0,3}(?:students|schoolgirls|schoolchildren|"
     r"children|villagers|passengers|people|civilians|captives|hostages|women|girls|boys)|"
     # "took away a man from a seaside chalet", "led away three villagers"
     r"(?:took|taken|led|carried|whisked|dragged) (?:away|off) (?:an? |two |three |several |\w+ )?(?:\w+ )?"
     r"(?:man|men|woman|women|boy|boys|girl|girls|people|person|villagers|civilians|residents|officials?|"
     r"journalists?|workers|students|priests?|activists?)",
     "Abduction/forced disappearance"),
    (r"rap(?:ed|es)|sexual (?:violence|assault)", "Sexual violence"),
    # Protests and riots
    (r"protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|sit-ins?|marched|marches|vigils?|"
     # a strike by workers or traders is a protest (ACLED); a bare "strike" is left to the weapons above
     r"(?:shutter-?down|general|hunger|wheel-?jam|labou?r|national|nationwide|indefinite|transport|teachers['’]?|doctors['’]?|"
     r"workers['’]?|traders['’]?) strikes?|(?:went|go|going|gone|were|are|is) on (?:a )?(?:[\w-]+ )?strike|"
     r"gathered (?:peacefully|to (?:protest|demand|denounce|condemn|call for))|"
     # a crowd's blockade: "farmers blocked roads around Brussels"
     r"(?:blocked|blockaded|barricaded) (?:(?:the|a|main|several|major|key) ){0,2}(?:roads?|highways?|streets?|"
     r"motorways?|intersections?|junctions?|bridges?)",
     "Peaceful protest"),
    (r"(?:baton|lathi|cane)[- ]charg(?:ed|es|e|ing)|"
     r"tear ?gas|dispers(?:ed|e|ing) (?:the |them|thousands|hundreds|crowds?|protesters|demonstrators)|"
     r"water cannons?|stun grenades", "Protest with intervention"),
    (r"(?:fired|opened fire|shot) (?:live rounds |live ammunition )?(?:on|at|into) (?:the )?(?:protesters|"
     r"demonstrators|crowds?)|killed (?:\w+ )?protesters", "Excessive force against protesters"),
    (r"riot(?:s|ing|ers|ed)?|torched|torching|set (?:\w+ ){0,3}(?:on fire|ablaze|alight)|set(?:ting)? fire to|"
     r"hurl(?:ed|ing) stones|thr(?:ew|owing) stones|rampag(?:ed|ing|e)|broke into|forced (?:open|their way)",
     "Violent demonstration"),
    (r"mobs?", "Mob violence"),
    # Strategic developments
    (r"cease-?fires?|truces?|peace (?:deal|agreement|accord|talks|process)|talks|negotiations?|dialogue|summit|"
     r"(?:held|holding|hold) (?:a )?meeting|meeting in|met in|agreed to|signed (?:an? |the )?(?:\w+ )?(?:agreement|"
     r"deal|accord)|agreements?|brokered|prisoner (?:exchange|swap)s?", "Agreement"),
    (r"arrest(?:ed|s)|detained|detentions?|taken into custody|rounded up", "Arrests"),
    (r"seized power|coup|toppled|ousted|declared (?:a |an )?(?:state of emergency|curfew|martial law)",
     "Change to group/activity"),
    (r"defused|intercepted|shot down|foiled|bomb disposal|(?:destroyed|downed) (?:\w+ ){0,3}(?:drones|missiles|"
     r"rockets)", "Disrupted weapons use"),
    (r"loot(?:ed|ing)|ransack(?:ed|ing)|(?:burned|burnt|destroyed|demolished) (?:\w+ ){0,2}(?:homes|houses|shops|"
     r"property|buildings|villages?)", "Looting/property destruction"),
    (r"withdr(?:ew|awn|awal) from|handed over (?:control|the town|the city)", "Non-violent transfer of territory"),
    (r"(?:established|set up|opened|built) (?:a |an |its |their )?(?:new )?(?:military |forward |operating |army )?"
     r"(?:base|headquarters|outpost|garrison)s?", "Headquarters or base established"),
]

_GROUPS = [f"(?P<t{i}>\\b(?:{p})\\b)" for i, (p, _) in enumerate(_LEXICON)]
_HABITUAL = frozenset({"attack", "raid", "storm", "assault", "fight", "kill", "abduct", "kidnap", "protest"})
_WHO_SEIZED = re.compile(r"(?<=who )seized power\b|(?<=which )seized power\b", re.I)
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that|they|often|routinely|regularly|repeatedly)\s+(?:\w+ly\s+)?$", re.I)


def _split_top(pattern: str) -> list[str]:
    """A regex split at its top-level ``|``."""
    parts, depth, current, escaped = [], 0, [], False
    for ch in pattern:
        if escaped:
            current.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def _first_words(alternative: str) -> set[str]:
    """The literal letters an alternative must start with ("(?:heavy |fierce )?fighting" -> heavy, fierce,
    fighting). Used to try the full patterns only where a trigger can start."""
    if alternative.startswith("(?"):
        depth, close = 0, 0
        for close, ch in enumerate(alternative):  # noqa: B007 - the loop finds the group's closing bracket
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                break
        inner, rest = alternative[alternative.index(":") + 1:close], alternative[close + 1:]
        words = set().union(*(_first_words(a) for a in _split_top(inner)))
        if rest.startswith(("?", "*")):
            words |= _first_words(rest[1:])
        return words
    literal = re.match(r"[a-z -]*", alternative).group(0)
    if alternative[len(literal):len(literal) + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # "jets?": the s is optional
    prefix = re.split(r"[ -]", literal)[0]
    return {prefix[:4]} if len(prefix) >= 2 else {""}


_STEMS_OF_ENTRY = [frozenset().union(*(_first_words(a) for a in _split_top(p))) for p, _ in _LEXICON]
_STEMS = frozenset().union(*_STEMS_OF_ENTRY)
assert "" not in _STEMS, "every trigger pattern must start with at least two literal letters"


@cache  # one per combination of stems a word can start with: a few dozen
def _patterns_for(stems: tuple[str, ...]) -> re.Pattern:
    """The lexicon entries a word starting with ``stems`` can begin, as one alternation in lexicon order:
    no other entry can match there, and the first that matches wins, as in the alternation of all of them."""
    entries = [group for group, own in zip(_GROUPS, _STEMS_OF_ENTRY, strict=True) if own.intersection(stems)]
    return re.compile("|".join(entries), re.I)


def _trie_pattern(words: frozenset[str]) -> str:
    """One regex alternation of ``words`` with shared prefixes factored out ("ab(?:du|...)"), so that the
    engine rejects a word after a letter or two instead of trying every word in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = f"(?:{'|'.join(branches)})"
        return f"{body}?" if "" in node else body

    return pattern(trie)


# The words a trigger can start with, found in one pass: most of a clause's words begin with no stem and
# never reach Python. (A window that starts mid-word skips that word's tail: no trigger starts there, as
# every pattern opens with \b.) Each word found is still tested against _STEMS below.
_STEM_WORD = re.compile(rf"(?<![^\W\d_]){_trie_pattern(_STEMS)}[^\W\d_]*", re.I)
# Bodies found in numbers, or dumped, are a killing's trace; two walkers found dead on a path are not.
_A_KILLINGS_TRACE = re.compile(r"(?:\d+|dozens of|scores of|hundreds of)\s+bodies\b|\bdumped$", re.I)
_PASSIVE_TOLL = re.compile(r"\b(?:were|been)\b")
_BY_AGENT = re.compile(r"\s+(?:\w+\s+)?by\b", re.I)
_SUB_OF_GROUP = {f"t{i}": sub for i, (_, sub) in enumerate(_LEXICON)}
# Trigger nouns with "the/these/those" refer back to an event already told ("the strikes").
# ("said that they had taken the town": a conjunction and its subject, not a determiner)
_REFERRING = re.compile(r"\b(?:the|these|those|this|that|its|their|such)\s+(?!(?:they|he|she|it|we|i|you|there)\b)"
                        r"(?:[\w-]+\s+){0,2}$", re.I)
_ACTOR_WORD = re.compile(r"\b(?:gunmen|attackers|assailants|militants|fighters|rebels|insurgents|troops|soldiers|"
                         r"forces|police|army|military|protesters|demonstrators|crowds?|mob|settlers|jets|warplanes|"
                         r"drones?|bomber|group|militias?)\b", re.I)
# ... but "other strikes hit Muridke", "and that further attacks followed" tell new events.
_NEW_ONES = re.compile(r"\b(?:other|another|further|fresh|new|separate|more|later|subsequent)\s+(?:[\w-]+\s+)?$", re.I)
_GOVERNMENT = re.compile(r"\b(?:army|troops|military|government|soldiers|security forces|police|forces loyal to|"
                         r"armed forces|national guard|state forces|rangers|marines|paratroopers)\b", re.I)
_CIVILIAN_ATTACKERS = re.compile(r"\b(?:gunmen|armed men|bandits|assailants|attackers|raiders|kidnappers|gangs?|"
                                 r"gang members|gangsters)\b", re.I)
_NON_STATE = re.compile(r"\b(?:fighters|rebels?|militants?|insurgents?|militias?|militiamen|jihadists?|separatists?|"
                        r"gunmen|guerrillas?|extremists?|terrorists?|armed groups?|youth group)\b", re.I)
_CROWD = re.compile(r"\b(?:protesters|demonstrators|crowds?|rioters|supporters|students|youths|mob|residents|"
                    r"villagers|settlers)\b", re.I)
_MILITARY_TARGET = re.compile(
    # (not "a convoy of passenger vehicles", "a convoy carrying pilgrims")
    r"\b(?:posts?|positions?|checkpoints?|check posts?|bases?|garrisons?|barracks|"
    r"convoys?(?!\s+(?:of\s+(?:passenger|civilian|aid|relief|trucks|lorries|buses)|carrying\s+(?:passengers|"
    r"pilgrims|civilians|aid|workers|engineers)))|troops|soldiers|"
    r"forces|patrols?|police (?:stations?|posts?|officers|headquarters)|"
    # "..., police said" attributes the report: the police are not who was attacked
    r"police(?!\s+(?:said|say|says|told|reported|added|spokes\w+|sources?|chief))|army|military|rebels?|militants?|"
    r"fighters|insurgents|camps? of|aircraft|outposts?|headquarters)\b", re.I)
_CIVILIAN_TARGET = re.compile(
    r"\b(?:civilians?|villagers?|worshippers|passengers|markets?|mosques?|churche?s?|schools?|hospitals?|homes?|"
    r"houses|farmers|workers|traders|women|children|students|residents|wedding|funeral|displaced|refugees?|"
    r"camp for|shoppers|pilgrims|bus(?:es)?|villages?|tourists|missions?|convents?|clinics?|orphanages?|nuns?|"
    r"displacement (?:sites?|camps?)|IDP (?:sites?|camps?)|factor(?:y|ies)|shops?|restaurants?|cafes?|hotels?|"
    r"bakery|cinemas?|wedding halls?|"
    r"priests?|aid workers?)\b", re.I)


@dataclass(frozen=True)
class Trigger:
    """A phrase that signals an event, with the ACLED type it points to."""

    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    referring: bool  # "the strikes": refers back to an event already told
    generic: bool = False  # "attack", "stormed": typed by context, and yielding to a specific weapon
    toll: bool = False  # "civilians were killed": typed by the incident its paragraph has just told, if any
    fallback: bool = False  # "killed 10 militants": a trigger only where its clause has no other

    @property
    def rank(self) -> int:
        return TYPE_RANK[self.event_type]


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Triggers in ``text[start:end]``, in text order.

    Parameters
    ----------
    text : str
        The report.
    start, end : int
        The clause or sentence to search, as offsets into ``text``.
    """
    end = len(text) if end is None else end
    found: list[Trigger] = []
    taken = start
    for word in _STEM_WORD.finditer(text, start, end):
        if word.group(0).lower() in _HABITUAL and _RELATIVE_BEFORE.search(text, max(start, word.start() - 30),
                                                                            word.start()):
            continue  # "militants who attack Pakistan": what they do, not something that happened
        if word.group(0).lower() == "seized" and _WHO_SEIZED.match(text, word.start()):
            continue  # "the captain, who seized power in September": who he is, not news
        lowered = word.group(0)[:4].lower()
        stems = tuple(stem for stem in (lowered, lowered[:3], lowered[:2]) if stem in _STEMS)
        if word.start() < taken or not stems:
            continue
        m = _patterns_for(stems).match(text, word.start(), end)
        if m is None or (lowered.startswith("bod") and not _A_KILLINGS_TRACE.search(
                text, max(start, m.start() - 16), m.end())):
            continue
        taken = m.end()
        raw = _SUB_OF_GROUP[m.lastgroup]
        sub = _resolve(raw, text, m.start(), m.end(), start, end)
        lead_in = text[max(start, m.start() - 30):m.start()]
        told = _REFERRING.search(lead_in)
        # "the strikes" refers back; "the gunmen opened fire" names who acts, not an event told before
        referring = bool(told) and not _NEW_ONES.search(lead_in) and not _ACTOR_WORD.search(told.group(0))
        generic = raw == "ATTACK" or m.group(0).lower().startswith(("offensive", "counter"))
        # "26 civilians were killed" with no one named to have killed them: a toll, of whatever the
        # report has just told (see geo.events); "killed by soldiers" says who did it.
        toll = _PASSIVE_TOLL.search(m.group(0)) is not None and not _BY_AGENT.match(text, m.end(), end)
        fallback = (raw == "ATTACK" and m.group(0)[:4].lower() in ("kill", "neut", "elim")) \
            or m.group(0).lower().endswith(" shot")  # "died after being shot when police fired on crowds"
        found.append(Trigger(m.start(), m.end(), m.group(0), SUB_EVENT_TYPES[sub], sub, referring, generic=generic,
                             toll=toll, fallback=fallback))
    # "arrested three suspects in a raid", "in a raid late on Monday, police arrested three": the raid is how
    # they were arrested, not a fight; "defused a 10-kg IED": the bomb that did not go off is no explosion
    found = [t for t in found if not (
        (t.text.lower().startswith("raid") and _IN_A.search(text, max(start, t.start - 25), t.start)
         and any(a.sub_event_type == "Arrests" for a in found))
        or (t.event_type == "Explosions/Remote violence" and any(
            d.sub_event_type == "Disrupted weapons use" and 0 <= t.start - d.end <= 40 for d in found)))]
    # "speaking at a European summit in Granada": where someone spoke is no event
    found = [t for t in found if not (t.text.lower().startswith("summit")
                                      and _SPOKE_AT.search(text, max(start, t.start - 40), t.start))]
    # "tried to storm the complex with guns and hand grenades": the weapons of an assault, not an explosion of
    # their own
    if len(found) > 1:
        found = [t for t in found if not (t.sub_event_type == "Grenade"
                                          and _WITH_WEAPONS.search(text, max(start, t.start - 30), t.start))]
    specific = [t for t in found if not t.fallback]
    if all(t.sub_event_type == "Peaceful protest" for t in specific):
        return found  # "the mayor was shot at a rally": a shooting at a protest is still a shooting
    return specific


def _resolve(sub: str, text: str, s: int, e: int, start: int, end: int) -> str:
    """Type a context-dependent trigger from who acts and what is hit."""
    if sub == "Armed clash" and text[s:e].lower().startswith("clash") and (
            _crowd_acts(text[max(start, s - 60):s]) or _CROWD_CLASH.match(text, e, end)
            or (_WITH_POLICE.match(text, e, end) and not _NON_STATE.search(text, max(start, s - 80), s))):
        # "residents clashed with police", "clashes between protesters and ...", and "two teenagers were
        # killed in clashes with police": with the police alone, and no armed group named, a crowd fought
        return "Violent demonstration"
    if sub == "Arrests":
        held_by = text[max(start, s - 60):s]
        non_state = _NON_STATE.search(held_by)
        if non_state and not _is_government(held_by[:non_state.start()]) \
                and not _is_government(held_by[non_state.end():]):
            return "Abduction/forced disappearance"  # "M23 rebels rounded up men": no state arrests them
        return sub
    if sub == "Attack" and re.search(r"\bmobs?\b", text[max(start, s - 40):s], re.I):
        return "Mob violence"  # "a mob lynched a man": a crowd's violence, not an armed group's
    if sub == "Attack" and (_PROTESTER_KILLED.search(text, max(start, s - 40), s) or _PROTESTERS_AFTER.match(text, e)):
        return "Excessive force against protesters"  # "a protester was shot dead", "police shot dead two protesters"
    if sub == "Attack" and _SECURITY_KILLED.search(text, max(start, s - 80), s):
        # "two policemen ... were shot dead": an attack on the state's forces is a battle; "a policeman was
        # killed when protesters clashed with police" is the riot's toll
        return "Violent demonstration" if _CROWD.search(text, e, min(end, e + 120)) else "Armed clash"
    if sub not in ("TERRITORY", "ATTACK", "Violent demonstration", "Peaceful protest",
                   "Excessive force against protesters"):
        return sub  # most triggers say their type themselves
    before = text[max(start, s - 150):s]
    after = text[e:min(end, e + 100)]
    if sub == "Peaceful protest":
        violent = re.search(r"\b(?:violent|clash|clashed|stones|torched)\b", after[:60], re.I)
        if violent:
            return "Violent demonstration"
        # "police arrested 50 protesters", "protesters were detained by police": the protest met force
        return "Protest with intervention" if _PROTESTERS_HELD.search(before[-60:] + " " + after[:60]) else sub
    crowd = _crowd_acts(before[-60:])
    if sub == "TERRITORY":
        if crowd:
            return "Violent demonstration"
        if _AFTER_THEY_LEFT.match(text, e, end):
            return "Non-violent transfer of territory"  # "took control of Lachin after its residents left"
        # Who acts is the first armed actor of the clause: "troops and allied clan militias drove the militants
        # out", but "militants attacked troops and seized the town".
        subject = before[-120:]
        non_state = _NON_STATE.search(subject)
        government = _is_government(subject[:non_state.start()] if non_state else subject)
        return "Government regains territory" if government else "Non-state actor overtakes territory"
    if sub == "ATTACK":
        if crowd and not _BESIDE_FORCES.search(before[-60:]):  # (police and armed residents fighting gangs: no mob)
            return "Mob violence" if re.search(r"\bmob\b", before[-60:], re.I) else "Violent demonstration"
        if _BY_A_MOB.match(text, e, end):
            return "Mob violence"  # "an attack on the police office ..., when a mob stormed it"
        if re.search(r"\b(?:protesters|demonstrators|crowds?|marchers|supporters\s+protesting)\b", after[:40], re.I):
            sub = "Excessive force against protesters"  # unless gunmen fire on the crowd: see below
        elif _KILLED_FORCES.search(before[-60:]):
            # "gunmen killed three soldiers in an ambush", "troops killed three gunmen during a raid on the camp":
            # who was killed says it was a fight, whatever was raided
            return "Armed clash"
        elif _civilian_first(after):
            return "Attack"
        elif _CIVILIAN_ATTACKERS.search(before[-60:]) and not _military_soon(after):
            return "Attack"  # gunmen raiding a settlement: violence against civilians, not a battle
        elif _KILLS_PEOPLE.search(text, s, end) and not _MILITARY_TARGET.search(text, e, end):
            return "Attack"  # "an attack on a suburb, killing 20 people": nobody armed was fought
        elif _CIVILIANS_KILLED.search(before[-120:]) and not _military_soon(after):
            return "Attack"  # "two engineers were killed when their convoy was attacked"
        else:
            return "Armed clash"
    if sub == "Violent demonstration" and not crowd and not _is_government(before[-60:]) \
            and re.search(r"\b(?:gunmen|militants|fighters|rebels|insurgents|attackers|gangs?|gang members|"
                          r"bandits)\b", before[-80:], re.I):
        return "Looting/property destruction"  # armed men burning homes are not a riot
    if sub == "Excessive force against protesters" and _CIVILIAN_ATTACKERS.search(before[-60:]) \
            and not _is_government(before[-60:]):
        return "Attack"  # "gunmen opened fire on a crowd celebrating a feast": not a protest
    return sub


_KILLS_PEOPLE = re.compile(r"\bkill(?:ed|ing)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|about\s+|some\s+)?"
                           r"(?:[\w,]+\s+){0,2}?(?:people|civilians|passengers|villagers|residents|worshippers|"
                           r"women|children|students|shoppers|pilgrims|[A-Z][a-z]+(?:ians|ans|is|ese))\b")
_AFTER_THEY_LEFT = re.compile(r"[^.;]{0,60}?\bafter\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?(?:left|withdrew|"
                              r"pulled\s+out|departed|handed\s+it\s+over)\b", re.I)
_BY_A_MOB = re.compile(r"[^.;]{0,100}?\b(?:when|as|by)\s+(?:an?\s+)?(?:angry\s+)?mobs?\b", re.I)
_WITH_POLICE = re.compile(r"\s+with\s+(?:the\s+)?(?:riot\s+)?police\b", re.I)
_BESIDE_FORCES = re.compile(r"\b(?:police|troops|soldiers|security forces|the army)\s+and\s+(?:armed\s+)?"
                            r"(?:residents|villagers|civilians|vigilantes|locals)\b", re.I)
_PROTESTERS_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:protesters|demonstrators|marchers)\b", re.I)


def _victims_told_passive(victims: str, *, doing: bool = False) -> str:
    """A pattern for victims and the passive verb that tells their fate: "protesters were (shot)", and with
    ``doing`` what they were doing in between ("two policemen guarding a polio team were (shot dead)")."""
    between = r"(?:[^,.;]{0,40}\s)?" if doing else ""
    return rf"\b(?:{victims})\s+{between}(?:was|were|had been|have been)\s+(?:\w+\s+)?"


# Each ends where the trigger begins: "a protester was | shot dead".
_PROTESTER_KILLED = re.compile(_victims_told_passive(r"protesters?|demonstrators?|marchers?") + "$", re.I)
_SECURITY_KILLED = re.compile(_victims_told_passive(SECURITY_WORDS, doing=True) + "$", re.I)
_KILLED_FORCES = re.compile(rf"\bkill(?:ed|ing)\s+(?:[\w-]+\s+){{0,3}}?(?:{SECURITY_WORDS}|{MILITANT_WORDS})\b",
                            re.I)
_SPOKE_AT = re.compile(r"\b(?:speaking|spoke|speech|remarks|sidelines|attending|attended|addressing|addressed)\b"
                       r"[^.;]{0,30}$", re.I)
_WITH_WEAPONS = re.compile(r"\b(?:with|using|armed with)\s+(?:[\w-]+\s+(?:and|,)\s+)?(?:hand\s+)?$", re.I)
_IN_A = re.compile(r"\b(?:in|during)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}$", re.I)
_CIVILIANS_KILLED = re.compile(_victims_told_passive(CIVILIAN_WORDS) +
                               r"(?:killed|shot dead|wounded|injured)\b[^.;]*\b(?:when|as|after)\b[^.;]*$", re.I)
_CROWD_CLASH = re.compile(r"\s+(?:\w+\s+)?(?:between\s+(?:[\w-]+\s+){0,3}?|with\s+(?:[\w-]+\s+){0,2}?)"
                          r"(?:protesters|demonstrators|students|supporters|residents|villagers|rioters|mobs?|crowds?|"
                          r"lawyers|activists|party workers|traders|farmers|worshippers|mourners)\b", re.I)
_PROTESTERS_HELD = re.compile(r"\b(?:police|security forces|troops|soldiers|authorities|officers)\s+(?:\w+\s+){0,2}?"
                              r"(?:arrested|detained|rounded up)\b|\b(?:were|was)\s+(?:arrested|detained)\s+by\b",
                              re.I)

#: "Ukrainian forces", "Sudanese troops": a nation's forces (a country's demonym) are its government's ...
_NATIONAL_FORCES = re.compile(r"\b([A-Z][a-z]+)\s+(?:forces|troops|soldiers|army|military)\b")
#: ... but not a people's or a movement's ("Taliban forces" are not a demonym's at all).
_NON_STATE_ADJECTIVES = frozenset("kurdish arab druze baloch baluch pashtun tuareg fulani amhara oromo tigrayan "
                                  "houthi islamist jihadi shabaab rebel".split())


def _civilian_first(after: str) -> bool:
    """Whether a civilian target is named after a trigger before any military one within 60 characters:
    "attacked the displacement site next to the UN base" hit the displaced."""
    civilian = _CIVILIAN_TARGET.search(after)
    if civilian is None:
        return False
    military = _MILITARY_TARGET.search(after)
    return military is None or military.start() >= 60 or civilian.start() < military.start()


def _military_soon(after: str) -> bool:
    """Whether a military target is named within 60 characters after a trigger (judged on the whole
    text, so "police said" cut at the 60th character is still an attribution)."""
    m = _MILITARY_TARGET.search(after)
    return m is not None and m.start() < 60


def _crowd_acts(words: str) -> bool:
    """Whether a crowd, not an armed actor named after it, is who acts: "protesters stormed", but
    "villagers said gunmen raided"."""
    crowds = [m.end() for m in _CROWD.finditer(words)]
    armed = [m.end() for m in _NON_STATE.finditer(words)] + [m.end() for m in _GOVERNMENT.finditer(words)]
    return bool(crowds) and max(crowds) > max(armed, default=-1)


def _is_government(words: str) -> bool:
    """Whether government forces are named: "the army", "Sudan's army", "troops", "Ukrainian forces"; but a
    capitalised "... Army" after another capitalised word is an armed group ("White Army", "Arakan Army")."""
    for national in _NATIONAL_FORCES.finditer(words):
        adjective = national.group(1).lower()
        if lexicon.demonyms().get(adjective) and adjective not in _NON_STATE_ADJECTIVES:
            return True
    for m in _GOVERNMENT.finditer(words):
        previous = words[:m.start()].split()[-1:] or [""]
        if m.group(0)[0].isupper() and previous[0][:1].isupper() and previous[0].lower() not in ("the", "a"):
            continue
        return True
    return False


def dominant(triggers: list[Trigger]) -> Trigger | None:
    """ACLED's rule: within one incident the highest type wins; within a type, the first trigger.

    A generic "attack" or "stormed" says less than the weapon beside it: "a suicide bomber rammed a
    patrol" is a suicide bombing, not a battle.
    """
    if any(t.event_type == "Explosions/Remote violence" for t in triggers):
        triggers = [t for t in triggers if not t.generic] or triggers
    triggers = [t for t in triggers if not t.toll] or triggers  # "four people were killed" has no type of its own
    return min(triggers, key=lambda t: (t.rank, -_SEVERITY.get(t.sub_event_type, 0), t.start), default=None)


#: Within one type, the sub-type that says more: a protest met with tear gas is a Protest with
#: intervention; a battle in which a town changed hands is that change.
_SEVERITY = {"Protest with intervention": 1, "Excessive force against protesters": 2,
             "Government regains territory": 1, "Non-state actor overtakes territory": 1,
             "Mob violence": 1}
