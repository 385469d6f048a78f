"""Word lists the reader decides with: demonyms, common words, titles, organisation and place-type words.

Short closed lists live here as code; long open ones are files in ``assets/`` (each with its source).
Every list is loaded once per process.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from geo.text import normalise

ASSETS = Path(__file__).resolve().parent.parent / "assets"

MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec".split())
WEEKDAY_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday".split())

#: Words that make the capitalised name after them a person: "President Ghani", "Gen. Asim Munir".
PERSON_TITLES = frozenset(
    "mr mrs ms dr president minister premier general gen lieutenant lt colonel col major maj captain capt "
    "commander cmdr brigadier sergeant sgt chief governor gov senator sen rep representative ambassador "
    "spokesman spokeswoman spokesperson secretary king queen prince princess sheikh sheik mullah maulana "
    "imam pope judge justice mayor envoy emir sultan lord lady sir saint st prof professor father "
    "chairman chairwoman leader commissioner inspector officer deputy adviser advisor".split())

#: Words that make a capitalised run an organisation: the place inside it is named, not located.
ORGANISATION_WORDS = frozenset(
    "army navy air force forces police ministry ministries department office corps party movement front "
    "league union council committee commission assembly parliament senate congress court university "
    "college school institute academy bank airways airlines airline company corporation group times post "
    "herald tribune journal news press agency daily telegraph guardian express gazette television tv "
    "radio network foundation society association federation authority board club fc united city_council "
    "brigade battalion regiment division command guard guards rangers scouts frontier taliban tehreek "
    "tehrik jamaat lashkar jaish state_department government administration cabinet embassy consulate "
    "mission observatory organization organisation network fund program programme initiative".split())

#: Words after a name that say what kind of place it is: "Paktika province", "Chaman border crossing".
DIVISION_WORDS = frozenset(
    "province provinces district districts state states region regions governorate governorates oblast "
    "county counties department prefecture territory territories agency agencies division tehsil "
    "municipality valley".split())
SETTLEMENT_WORDS = frozenset(
    "city town village villages township camp suburb neighbourhood neighborhood".split())
FACILITY_WORDS = frozenset(
    "airport crossing border bridge base camp square street road highway market mosque prison hospital "
    "checkpoint port harbour harbor dam station barracks compound airfield airbase fort cantonment garrison".split())

#: The Persian izafe linking the words of a name: "Dand-e-Patan", "Mazar-i-Sharif".
IZAFE = frozenset({"e", "i"})
#: Lower-case words allowed inside a multi-word place name: "Dera Ismail Khan", "Rio de Janeiro".
NAME_CONNECTORS = frozenset(
    "de del della di da do dos das du des la le les el al ad ash as at az ul ur an en of the upon on sur "
    "ez es ed er esh ath adh au aux "
    "am im y bin ibn abu bou".split()) | IZAFE

#: Connectors that are never English words: after one, a word is the tail of a longer name ("Wad al-Noura").
NAME_ARTICLES = frozenset("al el ad ar ash az ul ur ez es ed er esh ath adh de del della di da dos das du des "
                          "la le les bin ibn abu bou".split())

#: Words that never belong to a name: a capitalised one starts a sentence, it does not extend a name.
FUNCTION_WORDS = frozenset(
    "in at on from to near across into inside outside around with by for of off over under along the a an "
    "and but or nor as after before since during while when whenever where if although though because yet "
    "then meanwhile however also last this that these those it its his her their our we they he she i "
    "there here some many both all each every no not only even just about against between among within "
    "without toward towards through throughout via like unlike despite amid amidst beyond".split())

#: Capitalised words that are never place names on their own, whatever some gazetteer row says.
NEVER_PLACES = frozenset(
    "the a an and or but he she it they we you i his her its their our this that these those there here "
    "mr mrs ms dr president minister general police army government official officials reuters ap afp god "
    "allah islam muslim muslims christian christians jewish jews sunni shia shiite taliban north south "
    "east west northern southern eastern western central upper lower new old greater saint st san santa "
    "said says told asked added also however meanwhile after before during since while when where what "
    "who why how all both each every some many most several no not january february march april may june "
    "july august september october november december monday tuesday wednesday thursday friday saturday "
    "sunday today yesterday day un eu nato isis isil is al qaeda hamas hezbollah ttp bla ispr covid "
    "university college hospital street road river lake mount island bay gulf sea ocean human rights "
    "security defence defense interior foreign affairs".split())


#: Adjectives of regions, and the gazetteer region each names ("European" -> Europe).
REGION_ADJECTIVES = {"european": "europe", "african": "africa", "asian": "asia", "north american": "north america",
                     "south american": "south america", "middle eastern": "middle east", "oceanian": "oceania",
                     "english": "england", "scottish": "scotland", "welsh": "wales"}


@cache
def demonyms() -> dict[str, str]:
    """Normalised demonym or adjective -> ISO alpha-2 ("afghan" -> "AF"); empty code for regions."""
    path = ASSETS / "demonyms.csv"
    out: dict[str, str] = {}
    if not path.exists():
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            word = normalise(row.get("word") or "")
            if word:
                out.setdefault(word, (row.get("country_code") or "").strip().upper())
    return out


@cache
def first_names() -> frozenset[str]:
    """Common given names (US census lists shipped in the ``names`` package), lower-case.

    "Kelly said" or "Mary Barra" is a person before it is a town; only names with a real share of
    the population are kept, so rare entries ("Savannah") do not shadow places.
    """
    try:
        import names as census
    except ImportError:  # the reader still works, with fewer person names recognised
        return frozenset()
    root = Path(census.__file__).parent
    out = set()
    for file in ("dist.male.first", "dist.female.first"):
        for line in (root / file).read_text(encoding="ascii", errors="ignore").splitlines():
            parts = line.split()
            if len(parts) >= 2 and float(parts[1]) >= 0.01:
                out.add(parts[0].lower())
    return frozenset(out)


@cache
def common_words() -> frozenset[str]:
    """Lower-case English words that are also gazetteer names ("police", "mobile", "reading").

    A capitalised one at the start of a sentence is taken for the word, not the place.
    """
    path = ASSETS / "common_words.txt"
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))

#: AP-style abbreviations of US states ("W.Va.", "Ga."), which local US news uses in place of the name.
US_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma",
    "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wyo.": "Wyoming", "D.C.": "District of Columbia",
    # Canadian provinces as Canadian news writes them.
    "B.C.": "British Columbia", "BC": "British Columbia", "Ont.": "Ontario", "Que.": "Quebec", "Alta.": "Alberta",
    "Sask.": "Saskatchewan", "Man.": "Manitoba", "N.S.": "Nova Scotia", "N.B.": "New Brunswick",
}
