"""geo.event_types: trigger words -> ACLED type and sub-type, typed by context, the higher type winning."""

from __future__ import annotations

import pytest

from geo.event_types import dominant, find_triggers
from geo.record import EVENT_TYPES, SUB_EVENT_TYPES, TYPE_RANK


def _typed(text: str) -> tuple[str, str] | None:
    lead = dominant(find_triggers(text))
    return (lead.event_type, lead.sub_event_type) if lead else None


AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
SUICIDE = ("Explosions/Remote violence", "Suicide bomb")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
CLASH = ("Battles", "Armed clash")
OVERTAKES = ("Battles", "Non-state actor overtakes territory")
REGAINS = ("Battles", "Government regains territory")
ATTACK = ("Violence against civilians", "Attack")
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
PROTEST = ("Protests", "Peaceful protest")
INTERVENTION = ("Protests", "Protest with intervention")
EXCESSIVE = ("Protests", "Excessive force against protesters")
RIOT = ("Riots", "Violent demonstration")
AGREEMENT = ("Strategic developments", "Agreement")
ARRESTS = ("Strategic developments", "Arrests")


@pytest.mark.parametrize(("text", "expected"), [
    # Explosions/Remote violence
    ("An airstrike flattened a warehouse.", AIR),
    ("Fighter jets struck a fuel convoy.", AIR),
    ("Warplanes bombed the rebel-held district.", AIR),
    ("A drone strike hit a pickup truck.", AIR),
    ("Helicopter gunships pounded the ridge.", AIR),
    ("A suicide bomber detonated his vest at a rally.", SUICIDE),
    ("An attacker blew himself up outside the court.", SUICIDE),
    ("Shelling damaged the hospital.", SHELLING),
    ("Mortar rounds landed near the school.", SHELLING),
    ("Artillery fire hit the outskirts.", SHELLING),
    ("Ballistic missiles struck the port.", SHELLING),
    ("A roadside bomb hit a police van.", IED),
    # a bomb by itself: planted, attached, or what it did
    ("A bomb killed two in the bazaar.", IED),
    ("A bomb planted in a handcart went off outside the mosque.", IED),
    ("A magnetic bomb stuck to a minibus wounded four.", IED),
    ("The bomb squad cleared the area after a threat.", None),
    ("A bomb fitted to a motorcycle went off near the school.", IED),
    ("A remote-controlled bomb hit a pickup carrying tribal elders.", IED),
    # a passive shooting yields to what the clause says was done
    ("A man died after being shot when police fired on protesters.", EXCESSIVE),
    ("The army said it had cleared the valley of militants.", REGAINS),
    ("Guided bombs hit a residential street.", AIR),
    ("Air defences destroyed 40 drones overnight.", ("Strategic developments", "Disrupted weapons use")),
    ("The army regained control of the presidential palace.", REGAINS),
    # no state arrests anyone a rebel group rounds up
    ("Rebels rounded up dozens of young men in the market.", ABDUCTION),
    ("Eighteen fighters were killed in strikes near the border.", AIR),
    # the first target named is who was hit: a camp of the displaced beside a UN base
    ("Armed men attacked the displacement site next to the UN base, killing four people.", ATTACK),
    ("It accused the neighbours of bombing a civilian market.", AIR),
    ("A paramotor dropped two bombs on a crowd at a festival.", AIR),
    ("Troops began an operation against militants in the hills.", CLASH),
    ("Security forces fired on opposition supporters protesting the result.", EXCESSIVE),
    ("Two gunmen opened fire at a bus stop, killing four Israelis.", ATTACK),
    ("Police rounded up dozens of young men in the market.", ARRESTS),
    # Battles
    ("Clashes erupted between the army and the rebels.", CLASH),
    ("Soldiers exchanged fire with smugglers.", CLASH),
    ("Heavy fighting raged through the night.", CLASH),
    ("Gunmen attacked a police checkpoint.", CLASH),
    ("Rebels seized the town after a week of fighting.", OVERTAKES),
    ("Insurgents captured the district headquarters.", OVERTAKES),
    ("Militants overran an army outpost.", OVERTAKES),
    ("The army recaptured the town.", REGAINS),
    ("Government troops retook the airport.", REGAINS),
    # Violence against civilians
    ("Gunmen killed villagers as they slept.", ATTACK),
    ("Militiamen attacked a market at dawn.", ATTACK),
    ("Assailants shot dead a local chief.", ATTACK),
    ("Bandits abducted 40 students.", ABDUCTION),
    # Protests and riots
    ("Protesters rallied outside the governor's office.", PROTEST),
    ("Thousands marched to the parliament.", PROTEST),
    ("Police fired tear gas at the marchers.", INTERVENTION),
    ("Police used water cannons to disperse the crowd.", INTERVENTION),
    ("Security forces opened fire on protesters.", EXCESSIVE),
    ("Rioters torched a bank.", RIOT),
    ("Youths set fire to tyres and hurled stones at police.", RIOT),
    # a strike by workers or traders is a protest; a strike by jets is not
    ("Traders observed a shutter-down strike against extortion.", PROTEST),
    ("Doctors went on strike over unpaid salaries.", PROTEST),
    ("A general strike paralysed the port.", PROTEST),
    ("The drone strike hit a general store.", AIR),
    ("An Israeli strike on a car killed two men.", AIR),
    ("Teachers began a strike on Monday.", None),
    # Strategic developments
    ("The two sides agreed a ceasefire.", AGREEMENT),
    ("Talks between the delegations ended without a deal.", AGREEMENT),
    ("Mediators brokered a truce.", AGREEMENT),
    ("Police arrested a dozen suspects.", ARRESTS),
    # a killing says the type only where nothing else does, and then by whom it hits
    ("Troops killed 20 insurgents near the river.", CLASH),
    ("Commandos neutralised three terrorists at a hideout.", CLASH),
    ("A landmine killed five soldiers on patrol.", IED),
    ("Airstrikes killed 10 militants at a training camp.", AIR),
    # more ways of saying it
    ("The army said it had retaken the airport.", REGAINS),
    ("Police baton-charged the marchers outside the assembly.", INTERVENTION),
    ("Police arrested dozens of protesters outside the ministry.", INTERVENTION),
    # crowds that clash riot; armed men who clash fight
    ("Villagers clashed with police over the land survey.", RIOT),
    ("Clashes between students and party activists broke out at the campus.", RIOT),
    ("Rebels clashed with the army at the bridge.", CLASH),
    ("Stealth bombers dropped heavy bombs on the plant.", AIR),
    ("The mayor was shot at a rally.", ATTACK),
    ("The militia said it had taken full control of the displacement camp.", OVERTAKES),
    # an attack that kills people and fights no one armed
    ("Gunmen opened fire on a convoy of passenger buses, killing 30 people.", ATTACK),
    # a killing of armed men, however qualified, is a fight; police beside residents are no mob
    ("Troops killed at least 14 suspected bandits in the forest.", CLASH),
    ("Police and armed villagers killed nine kidnappers at the river.", CLASH),
    # a strike across a nation is a protest, not a strike on something
    ("Transport unions began a national strike against the fuel price rise.", PROTEST),
    # a demonstrator shot dead: the protest met force
    ("A demonstrator was shot dead outside the parliament.", EXCESSIVE),
    # strikes that wound are not labour strikes; a crowd gathered peacefully protests
    ("Officials said strikes in Idlib province wounded six people.", AIR),
    ("Thousands gathered peacefully outside the election commission.", PROTEST),
    # who was killed when it was attacked says what the attack was
    ("Three technicians were killed when their van was attacked on the highway.", ATTACK),
    ("Three soldiers were killed when their van was attacked on the highway.", CLASH),
    ("Overnight strikes killed nine people in the camp.", AIR),
    ("Truck drivers blocked the main highway into the capital.", PROTEST),
    # an attack on the state's forces is a battle; a raid that arrests is an arrest
    ("Two soldiers escorting a supply truck were shot dead near the river.", CLASH),
    ("Police detained four suspects in a dawn raid on a hideout.", ARRESTS),
    ("Bandits killed two policemen in an ambush on the road.", CLASH),
    ("Residents said a bomb had gone off near the mosque.", IED),
    ("Troops killed four gunmen during a raid on the refugee camp.", CLASH),
    ("Militants attacked a bus on the highway.", ATTACK),
    ("A mob lynched two men accused of theft.", ("Riots", "Mob violence")),
    ("Police clashed with activists outside the court.", RIOT),
    ("Security forces shot dead three demonstrators near the bridge.", EXCESSIVE),
    ("Police defused a bomb planted near the school.", ("Strategic developments", "Disrupted weapons use")),
    ("In a raid late on Monday, police arrested four suspects.", ARRESTS),
    ("Militants tried to storm the police station with rifles and hand grenades.", CLASH),
    ("Crowds trying to storm the governor's office were fired on by police.", RIOT),
    ("Villagers blocked the bridge into town for a second day.", PROTEST),
    ("A suicide blast tore through the market.", SUICIDE),
    ("Troops took control of the town after its last defenders withdrew.",
     ("Strategic developments", "Non-violent transfer of territory")),
    ("Police said five men were held over an attack on the district office, when a mob broke in.",
     ("Riots", "Mob violence")),
    ("Two teenagers were killed in clashes with police near the market.", RIOT),
    ("Gunmen killed four Sindhi labourers at a brick kiln.", ATTACK),
    ("Tank fire killed three people near the crossing.", SHELLING),
    ("Border guards traded fire through the night.", CLASH),
    ("Two workers were wounded when a guard opened fire at a textile factory.", ATTACK),
    ("Six militants were killed in clashes with police near the market.", CLASH),
    ("The army set up a forward base near the border.", ("Strategic developments", "Headquarters or base established")),
])
def test_trigger_types(text, expected):
    assert _typed(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Battles outrank Explosions/Remote violence in one incident
    ("Jets bombed the valley as troops clashed with militants.", CLASH),
    # Explosions/Remote violence outrank an attack on civilians
    ("Gunmen killed villagers before a roadside bomb exploded.", IED),
    # Riots outrank Protests
    ("Protesters rallied and then rioters torched cars.", RIOT),
    # Protests outrank Strategic developments
    ("Protesters rallied against the ceasefire.", PROTEST),
    # a generic "attacked" yields to the weapon beside it
    ("A suicide bomber attacked a police patrol.", SUICIDE),
    ("Militants attacked the base with mortars.", SHELLING),
])
def test_higher_type_wins_within_one_incident(text, expected):
    assert _typed(text) == expected


def test_triggers_keep_their_words_and_offsets():
    text = "Militants stormed a checkpoint and clashed with soldiers."
    found = find_triggers(text)
    assert [t.text for t in found] == ["stormed", "clashed"]
    assert all(text[t.start:t.end] == t.text for t in found)


def test_triggers_are_searched_only_in_the_given_span():
    text = "Jets struck the camp. Protesters rallied in the square."
    cut = text.index("Protesters")
    assert [t.sub_event_type for t in find_triggers(text, 0, cut)] == ["Air/drone strike"]
    assert {t.sub_event_type for t in find_triggers(text, cut, len(text))} == {"Peaceful protest"}


def test_referring_nouns_are_marked():
    text = "Jets struck the camp. The airstrikes destroyed two trucks."
    later = find_triggers(text, text.index("The airstrikes"))
    assert later
    assert all(t.referring for t in later)
    assert not find_triggers(text)[0].referring


def test_no_trigger_no_type():
    assert find_triggers("The minister visited the provincial hospital.") == []
    assert dominant([]) is None


def test_taxonomy_has_six_types_and_twenty_five_sub_types():
    assert len(EVENT_TYPES) == 6
    assert len(SUB_EVENT_TYPES) == 25
    assert sorted(TYPE_RANK, key=TYPE_RANK.get) == [
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
        "Strategic developments"]


def test_gunmen_raiding_a_village_is_not_a_riot():
    assert _typed("Villagers said gunmen raided the settlement at night.") != RIOT


def test_a_killing_is_no_trigger_beside_another():
    found = find_triggers("He said fighters had killed 12 soldiers, in revenge for shelling of the valley.")
    assert [t.sub_event_type for t in found] == ["Shelling/artillery/missile attack"]


def test_a_word_ending_like_a_nationality_is_no_victim():
    # "debris" ends in -is like "Israelis": no attack is told here
    assert _typed("A man was killed when debris fell on his house.") is None


def test_that_before_a_pronoun_is_a_conjunction_not_a_reference():
    # "said that they had taken the town": a new event, not one told before
    (trigger,) = find_triggers("The rebels said that they had taken full control of the town.")
    assert not trigger.referring
