"""geo.events through geo.pipeline.read_report: what counts as an event, where, when, what type, who,
how many died, and how repeated tellings merge. Short texts written for these tests, read as
published on Thursday 13 March 2025 unless said otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.pipeline import Report, read_report
from geo.record import Event

PUBLISHED = date(2025, 3, 13)
MONDAY, TUESDAY, WEDNESDAY = "2025-03-10", "2025-03-11", "2025-03-12"


@pytest.fixture(scope="module")
def read(gazetteer):
    def run(text: str, published: date = PUBLISHED) -> list[Event]:
        return read_report(Report(text=text, published=published), gazetteer=gazetteer).events
    return run


def _summary(events: list[Event]) -> list[tuple[str, str, str, str]]:
    return [(e.event_date, e.event_type, e.sub_event_type, e.location) for e in events]


# -- one event per ACLED type, with its trigger words ------------------------------------------------
@pytest.mark.parametrize(("text", "expected", "triggers"), [
    ("Jets struck militant hideouts in Kunar on Monday.",
     (MONDAY, "Explosions/Remote violence", "Air/drone strike", "Kunar"), ["Jets struck"]),
    ("A suicide bomber struck a market in Mogadishu on Tuesday.",
     (TUESDAY, "Explosions/Remote violence", "Suicide bomb", "Mogadishu"), ["suicide bomber"]),
    ("Artillery shelling hit Kherson on Monday.",
     (MONDAY, "Explosions/Remote violence", "Shelling/artillery/missile attack", "Kherson"),
     ["Artillery", "shelling"]),
    ("Soldiers exchanged fire with smugglers in Chaman on Monday.",
     (MONDAY, "Battles", "Armed clash", "Chaman"), ["exchanged fire"]),
    ("Al-Shabaab fighters seized the town of Beledweyne on Tuesday.",
     (TUESDAY, "Battles", "Non-state actor overtakes territory", "Beledweyne"), ["seized the town"]),
    ("The army recaptured Jowhar on Wednesday.",
     (WEDNESDAY, "Battles", "Government regains territory", "Jowhar"), ["recaptured Jowhar"]),
    ("Gunmen killed eight villagers in Zamfara on Tuesday.",
     (TUESDAY, "Violence against civilians", "Attack", "Zamfara"), ["killed eight villagers"]),
    ("Protesters rallied in Dhaka on Monday.",
     (MONDAY, "Protests", "Peaceful protest", "Dhaka"), ["Protesters", "rallied"]),
    ("Police fired tear gas at protesters in Dakar on Tuesday.",
     (TUESDAY, "Protests", "Protest with intervention", "Dakar"), ["tear gas", "protesters"]),
    ("Rioters torched shops in Jos on Tuesday.",
     (TUESDAY, "Riots", "Violent demonstration", "Jos"), ["Rioters", "torched"]),
    ("Negotiators signed a ceasefire agreement in Muscat on Sunday.",
     ("2025-03-09", "Strategic developments", "Agreement", "Muscat"), ["signed a ceasefire agreement"]),
])
def test_each_type_is_read_with_its_triggers(read, text, expected, triggers):
    events = read(text)
    assert _summary(events) == [expected]
    assert events[0].triggers == triggers


# -- what is an event ---------------------------------------------------------------------------------
def test_an_event_needs_a_place(read):
    assert read("Clashes erupted on Monday, killing four soldiers.") == []


def test_a_place_without_anything_happening_is_no_event(read):
    assert read("The minister visited Kandahar on Monday.") == []


@pytest.mark.parametrize("text", [
    "Rebels have fought the army in Kidal since 2012.",
    "Militants attacked Kidal in 2013.",
    "The insurgency has killed more than 30,000 people in Borno since 2009.",
])
def test_background_is_not_an_event(read, text):
    assert read(text) == []


def test_years_ago_is_background(read):
    assert read("Two years ago, rebels seized Kidal.") == []


@pytest.mark.parametrize("text", [
    "Talks will resume in Muscat on March 20.",
    "The envoys will meet in Geneva next week.",
    "The rebels threatened to attack Goma.",
    "The army denied that jets struck Kidal on Monday.",
])
def test_planned_threatened_or_denied_is_not_an_event(read, text):
    assert read(text) == []


def test_a_meeting_held_is_an_event_and_the_next_one_is_not(read):
    events = read("Negotiators met in Muscat on Sunday and agreed a ceasefire. "
                  "They will meet again in Muscat on March 20.")
    assert _summary(events) == [("2025-03-09", "Strategic developments", "Agreement", "Muscat")]


def test_country_level_event_needs_a_date(read):
    assert read("Recent bombings in Somalia have raised concern.") == []
    (event,) = read("Bombings in Somalia killed 20 people on Monday.")
    assert (event.event_date, event.country_code, event.geo_precision, event.fatalities) == \
        (MONDAY, "SO", "country", 20)


def test_metonyms_and_datelines_are_not_event_places(read):
    text = ("ISLAMABAD: Islamabad said on Tuesday that militants acting on directives from Kabul attacked a "
            "checkpoint in Bajaur on Monday.")
    assert [(e.location, e.event_date) for e in read(text)] == [("Bajaur", MONDAY)]


@pytest.mark.parametrize("text", [
    "On May 27, rebels clashed with troops in Bukavu.",
    "In May, rebels clashed with troops in Bukavu.",
])
def test_the_month_may_is_not_the_modal_may(read, text):
    events = read(text, published=date(2025, 6, 3))
    assert [e.location for e in events] == ["Bukavu"]
    assert events[0].event_date.startswith("2025-05")


# -- dates ------------------------------------------------------------------------------------------
def test_a_sentence_without_a_date_takes_its_paragraphs_less_precisely(read):
    text = "Militants stormed a police post in Lakki Marwat on Tuesday. Troops then shelled hideouts in Kurram."
    events = read(text)
    assert [(e.location, e.event_date, e.date_precision) for e in events] == [
        ("Lakki Marwat", TUESDAY, "day"), ("Kurram", TUESDAY, "week")]


def test_an_undated_event_is_pinned_to_the_publication_week(read):
    (event,) = read("Jets struck militant hideouts near Miranshah.")
    assert (event.event_date, event.date_end, event.date_precision) == ("2025-03-07", "2025-03-13", "week")


def test_a_past_event_is_never_dated_after_publication(read):
    (event,) = read("Rebels attacked a checkpoint in Beni on Friday.")
    assert event.event_date == "2025-03-07"
    # "March 20" in a report of March 13 is last year's: background, not this week's event
    assert read("Rebels attacked a checkpoint in Beni on March 20.") == []


def test_a_january_report_about_december(read):
    (event,) = read("Gunmen killed six herders near Menaka on December 28.", published=date(2026, 1, 3))
    assert event.event_date == "2025-12-28"


def test_overnight_is_dated_to_the_night_before_the_statement(read):
    (event,) = read("Drones struck a fuel depot in Bryansk overnight, the governor said on Tuesday.")
    assert (event.event_date, event.date_end) == (MONDAY, TUESDAY)


# -- merging ---------------------------------------------------------------------------------------
def test_the_same_event_told_twice_is_one_event(read):
    text = ("Rebels attacked a checkpoint in Beni on Monday, killing three soldiers. "
            "Rebels attacked the checkpoint in Beni on Monday, the army said.")
    (event,) = read(text)
    assert (event.event_date, event.location, event.fatalities) == (MONDAY, "Beni", 3)


def test_the_same_place_on_another_day_is_another_event(read):
    text = "Fighting erupted in Kandahar on Monday. Fighting resumed in Kandahar on Wednesday."
    assert [(e.location, e.event_date) for e in read(text)] == [("Kandahar", MONDAY), ("Kandahar", WEDNESDAY)]


@pytest.mark.parametrize(("text", "days"), [
    ("Rebels attacked Kidal on Monday and again on Wednesday.", [MONDAY, WEDNESDAY]),
    # consecutive days told as two are two events, not one overnight incident
    ("Rebels clashed with militias in Masisi on Tuesday and Wednesday.", [TUESDAY, WEDNESDAY]),
])
def test_two_days_in_one_sentence_are_two_events(read, text, days):
    assert [e.event_date for e in read(text)] == days


def test_a_protest_that_turned_into_a_riot_is_one_riot(read):
    text = "Protesters rallied in Dhaka on Monday. Later, rioters torched buses in Dhaka on Monday."
    (event,) = read(text)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")
    assert event.triggers == ["Protesters", "rallied", "rioters", "torched"]


@pytest.mark.parametrize("text", [
    "Protesters rallied in Dhaka on Monday. Police fired tear gas at them in Dhaka on Monday.",
    "Protesters rallied in Dhaka on Monday, and police fired tear gas.",
])
def test_a_protest_met_with_tear_gas_is_a_protest_with_intervention(read, text):
    (event,) = read(text)
    assert event.sub_event_type == "Protest with intervention"


def test_different_types_at_one_place_and_day_stay_apart(read):
    text = "Jets struck a convoy in Idlib on Monday. Troops clashed with rebels in Idlib on Monday."
    assert {(e.event_type, e.location) for e in read(text)} == {
        ("Explosions/Remote violence", "Idlib"), ("Battles", "Idlib")}


def test_a_lede_in_a_region_and_the_village_in_the_next_paragraph_are_one_event(read):
    text = ("Gunmen killed 14 civilians in an attack in Mali's Mopti region on Monday, officials said.\n\n"
            "The gunmen opened fire on residents in Bandiagara and set homes alight, an official said.")
    (event,) = read(text)
    assert (event.event_date, event.location, event.fatalities) == (MONDAY, "Bandiagara", 14)
    # the evidence is the passage from the lede to the sentence that names the village
    assert text[event.start:event.end] == event.sentence
    assert event.sentence.startswith("Gunmen killed 14")
    assert event.start <= event.place_start < event.place_end <= event.end


@pytest.mark.parametrize("text", [
    # another town, not inside the first place: two incidents
    "Gunmen killed 14 civilians in an attack in Mopti on Monday.\n\nGunmen also attacked residents in Gao.",
    # three paragraphs on: too far from the lede to be its retelling
    "Gunmen attacked civilians in Mali's Mopti region on Monday.\n\nThe army said it was investigating.\n\n"
    "Gunmen opened fire on residents in Bandiagara on Monday, officials said.",
])
def test_an_attack_elsewhere_or_far_from_the_lede_stays_its_own_event(read, text):
    assert len(read(text)) == 2


# -- fatalities and actors ------------------------------------------------------------------------
def test_fatalities_of_groups_add_up_across_sentences(read):
    text = ("Pakistani security forces clashed with TTP militants in Bannu on Monday. "
            "Over 150 insurgents were killed in the fighting. Seventeen soldiers were killed and 40 were wounded.")
    (event,) = read(text)
    assert event.fatalities == 167
    assert (event.actor1, event.actor2) == ("Pakistani security forces", "TTP militants")


def test_a_ship_struck_at_sea_is_an_event_at_sea(read):
    events = read("SANAA, Yemen — Houthi missiles hit a cargo ship in the Red Sea on Monday. Another vessel "
                  "was struck by a drone in the Gulf of Aden on Tuesday.")
    assert _summary(events) == [
        (MONDAY, "Explosions/Remote violence", "Shelling/artillery/missile attack", "Red Sea"),
        (TUESDAY, "Explosions/Remote violence", "Air/drone strike", "Gulf of Aden")]


def test_a_region_spanning_countries_is_not_where_it_happened(read):
    assert read("Clashes erupted across the Middle East on Monday.") == []


@pytest.mark.parametrize(("text", "where", "qualifier", "describing"), [
    ("A gas attack on Douma, the last rebel-held town in the Eastern Ghouta near Damascus, killed 40 on Monday.",
     "Douma", "Eastern Ghouta", "Damascus"),
    ("Rebels said on Monday they had taken El Fasher, the capital of North Darfur and the Sudanese army's last "
     "stronghold in the Darfur region, after a long siege.", "El Fasher", "North Darfur", "Darfur"),
])
def test_places_that_go_on_saying_where_the_place_is_are_not_event_places(gazetteer, text, where, qualifier,
                                                                           describing):
    reading = read_report(Report(text=text, published=PUBLISHED), gazetteer=gazetteer)
    assert [e.location for e in reading.events] == [where]
    # the division that qualifies the place is where it happened too; what describes that division is not
    assert [p.name for p in reading.places if p.role == "event"] == [where, qualifier]
    assert [p.role for p in reading.places if p.name == describing] == ["other"]


@pytest.mark.parametrize(("text", "expected"), [
    # a list after a plural place noun, after "including", or a subject "strikes hit"
    ("Azerbaijani forces shelled the Armenian towns of Jermuk, Goris and Vardenis on Monday.",
     [(MONDAY, "Shelling/artillery/missile attack", "Jermuk"), (MONDAY, "Shelling/artillery/missile attack", "Goris"),
      (MONDAY, "Shelling/artillery/missile attack", "Vardenis")]),
    ("Fighters attacked army positions in seven towns in Mali on Tuesday, including the regional capital Kayes "
     "and Nioro du Sahel, the army said.",
     [(TUESDAY, "Armed clash", "Kayes"), (TUESDAY, "Armed clash", "Nioro du Sahel")]),
    ("The military said other strikes hit Muridke, in Punjab province, on Wednesday.",
     [(WEDNESDAY, "Air/drone strike", "Muridke")]),
    # who acts is the first armed actor of the clause; "over the weekend" is the weekend before
    ("Over the weekend, government troops and allied clan militias drove the militants out of several villages "
     "in Middle and Lower Shabelle, the ministry said.",
     [("2025-03-08", "Government regains territory", "Middle Shabelle"),
      ("2025-03-08", "Government regains territory", "Lower Shabelle")]),
    ("Two car bombs driven by suicide attackers exploded outside offices in Beledweyne on Monday.",
     [(MONDAY, "Suicide bomb", "Beledweyne")]),
    ("Armed men attacked at least 20 villages in Bokkos on Monday, killing 148 people.",
     [(MONDAY, "Attack", "Bokkos")]),
    ("The ADF has stepped up attacks on civilians in Ituri and North Kivu this year.", []),
])
def test_more_ways_reports_say_where_and_what(read, text, expected):
    assert [(e.event_date, e.sub_event_type, e.location) for e in read(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Drones launched by the paramilitary Rapid Support Forces struck a fuel depot in Port Sudan on Monday.",
     [(MONDAY, "Air/drone strike", "Port Sudan", None)]),
    ("Hours later, a truck packed with explosives blew up near a school in Cali on Monday, killing six civilians.",
     [(MONDAY, "Remote explosive/landmine/IED", "Cali", 6)]),
    # the figure goes to the place named right after it, and a toll across the country is not this event's
    ("Armed men attacked villages in Plateau state on Monday, killing at least 148 people in Bokkos.",
     [(MONDAY, "Attack", "Bokkos", 148)]),
    ("On Monday a mob attacked a police station in Sirajganj, killing 13 officers, as at least 90 people died "
     "in clashes across the country.", [(MONDAY, "Mob violence", "Sirajganj", 13)]),
    # a depiction is not the event; the day after something told after a date is that thing's day
    ("Protesters rallied in Homs on Monday after a video circulated showing an attack on a shrine in Aleppo.",
     [(MONDAY, "Peaceful protest", "Homs", None)]),
    ("Crowds looted and set fire to shops in Wau on Wednesday, a day after riots in Juba.",
     [(WEDNESDAY, "Violent demonstration", "Wau", None), (TUESDAY, "Violent demonstration", "Juba", None)]),
    # the date of "the ceasefire that took effect on March 1" is not the soldiers'
    ("On Monday, two soldiers were killed in a clash in Rafah, the worst test of the ceasefire that took effect on "
     "March 1.", [(MONDAY, "Armed clash", "Rafah", 2)]),
])
def test_what_the_independent_set_taught(read, text, expected):
    assert [(e.event_date, e.sub_event_type, e.location, e.fatalities) for e in read(text)] == expected


def test_other_strikes_are_new_events_and_a_list_goes_on_after_a_qualifier(read):
    text = ("India fired missiles at sites in Pakistan on Wednesday. The military said that other strikes hit "
            "Muridke, in Punjab province, and Muzaffarabad and Kotli in Pakistani Kashmir.")
    places = [(e.location, e.country_code) for e in read(text)]
    assert {("Muridke", "PK"), ("Muzaffarabad", "PK"), ("Kotli", "PK")} <= set(places)


def test_a_possessive_date_dates_no_other_paragraph(read):
    text = ("Missiles hit sites in Bahawalpur on Wednesday, in revenge for last month's killing of 26 tourists.\n\n"
            "Within hours, artillery shelled villages in Poonch district, killing 12 civilians.")
    assert [(e.event_date, e.location) for e in read(text)] == [(WEDNESDAY, "Bahawalpur"), (WEDNESDAY, "Poonch")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen opened fire on a crowd celebrating a feast in Irapuato on Tuesday, killing 12 people.",
     [(TUESDAY, "Attack", "Irapuato", 12)]),
    ("In Derbent on Monday, the attackers set fire to a synagogue and killed an elderly Orthodox priest and a "
     "security guard.", [(MONDAY, "Attack", "Derbent", 2)]),
    ("Late on Monday and again on Tuesday, Russian missiles and drones struck Kharkiv.",
     [(TUESDAY, "Shelling/artillery/missile attack", "Kharkiv", None),
      (MONDAY, "Shelling/artillery/missile attack", "Kharkiv", None)]),
])
def test_what_the_independent_set_taught_next(read, text, expected):
    assert [(e.event_date, e.sub_event_type, e.location, e.fatalities) for e in read(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "no fighting" right before the trigger is no fighting
    ("The rebels said on Monday there had been no fighting in Kyaukphyu.", []),
    # what is told again ("the ambush") does not type what is new beside it
    ("Gunmen ambushed a patrol in Tartus on Monday. On Tuesday, after the ambush, thousands protested in Homs.",
     [(MONDAY, "Armed clash", "Tartus"), (TUESDAY, "Peaceful protest", "Homs")]),
])
def test_negation_and_retelling(read, text, expected):
    assert [(e.event_date, e.sub_event_type, e.location) for e in read(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # one road, one event: at its first end, not a second event at the other
    ("A roadside bomb hit an army truck on the road between Gao and Ansongo on Monday, killing three soldiers.",
     [(MONDAY, "Remote explosive/landmine/IED", "Gao", 3)]),
    ("Bandits kidnapped 20 passengers on the highway linking Abuja and Lokoja on Tuesday.",
     [(TUESDAY, "Abduction/forced disappearance", "Abuja", None)]),
    # a passive killing is an event too
    ("At least 14 villagers were killed in Djibo on Tuesday, officials said.", [(TUESDAY, "Attack", "Djibo", 14)]),
    ("Eleven farmers were shot dead by soldiers in Mopti on Monday.", [(MONDAY, "Attack", "Mopti", 11)]),
    # ... and a toll with no killer named is of the incident its paragraph has just told
    ("Drones struck a fuel depot in Kassala on Monday. Nine civilians were killed in Kassala and Gedaref.",
     [(MONDAY, "Air/drone strike", "Kassala", 9), (MONDAY, "Air/drone strike", "Gedaref", None)]),
    # a long object does not hide a hostage-taking
    ("Prisoners took more than 40 wardens and kitchen staff hostage in Guayaquil on Tuesday.",
     [(TUESDAY, "Abduction/forced disappearance", "Guayaquil", None)]),
])
def test_roads_passive_killings_tolls_and_hostages(read, text, expected):
    assert [(e.event_date, e.sub_event_type, e.location, e.fatalities) for e in read(text)] == expected


def test_the_state_capital_is_the_city_the_state_is_named_after(read):
    text = ("Gunmen killed nine farmers in Bakori, in Katsina state, on Monday. "
            "Hundreds of residents marched through the state capital on Tuesday.")
    assert [(e.event_date, e.sub_event_type, e.location) for e in read(text)] == [
        (MONDAY, "Attack", "Bakori"), (TUESDAY, "Peaceful protest", "Katsina")]


def test_a_live_blog_entry_with_no_date_is_the_day_of_publication(read):
    text = ("Live: the war, day 1,000\n\n14:05 — Missiles hit Dnipro, killing four people.\n\n"
            "09:30 GMT - Drones struck Sumy overnight.")
    assert [(e.event_date, e.location) for e in read(text)] == [("2025-03-13", "Dnipro"), (WEDNESDAY, "Sumy")]


@pytest.mark.parametrize(("text", "expected"), [
    # a named feature the gazetteer lacks lies near the places that describe it
    ("Jets struck militants in the Dhurwaa mountains of Somalia's Bari region on Monday.",
     [(MONDAY, "Air/drone strike", "Dhurwaa")]),
    # bodies found are a killing's trace
    ("Police said 14 bodies were found in Tillaberi on Tuesday.", [(TUESDAY, "Attack", "Tillaberi")]),
    ("The bodies of two hikers were found on a trail near Aberaeron on Tuesday.", []),
    # "Valley" after a place is the head of its name, not a place called Valley
    ("Troops clashed with militants in the Swat Valley on Monday.", [(MONDAY, "Armed clash", "Swat")]),
    # an ambush is typed by whom it hits; "..., police said" names who reported it, not who was hit
    ("Bandits ambushed a minibus near Gusau on Tuesday, killing six passengers, police said.",
     [(TUESDAY, "Attack", "Gusau")]),
    ("Militants ambushed an army convoy near Gusau on Tuesday.", [(TUESDAY, "Armed clash", "Gusau")]),
    # entering or holding a town is taking it; a nation's forces are its government's, a people's are not
    ("The defence ministry said its troops had entered Lyman on Monday.",
     [(MONDAY, "Government regains territory", "Lyman")]),
    ("Russian forces recaptured Sudzha on Tuesday.", [(TUESDAY, "Government regains territory", "Sudzha")]),
    ("Rebels said on Tuesday they controlled most of Hama.",
     [(TUESDAY, "Non-state actor overtakes territory", "Hama")]),
    ("Kurdish forces recaptured Tabqa on Monday.", [(MONDAY, "Non-state actor overtakes territory", "Tabqa")]),
    # an aside between two listed places does not date or type the second
    ("On Tuesday rebels overran Tessalit, which troops had retaken in May 2019, and Aguelhok.",
     [(TUESDAY, "Non-state actor overtakes territory", "Tessalit"),
      (TUESDAY, "Non-state actor overtakes territory", "Aguelhok")]),
    # glide bombs fall from aircraft; drones setting fire to a depot are a strike, not a riot
    ("A glide bomb hit a market in Orikhiv on Monday, killing three people.",
     [(MONDAY, "Air/drone strike", "Orikhiv")]),
    ("Drones set fire to a fuel depot in Novozybkov on Tuesday.", [(TUESDAY, "Air/drone strike", "Novozybkov")]),
    # arms delivered are no attack
    ("Factories in Kharkiv stepped up production of drones and missiles on Monday.", []),
    # what a protest is against is its cause, not a second event
    ("Shopkeepers in Jacmel went on strike on Tuesday to protest against kidnappings.",
     [(TUESDAY, "Peaceful protest", "Jacmel")]),
    # a person taken away is abducted
    ("Gunmen stopped a bus in Tyre on Monday and led away two men.",
     [(MONDAY, "Abduction/forced disappearance", "Tyre")]),
    # a mission, a clinic or an orphanage attacked is a civilian target
    ("Insurgents attacked the mission at Mueda on Tuesday, killing a priest.", [(TUESDAY, "Attack", "Mueda")]),
    # "Barangay X" is a village the gazetteer lacks, near the report's dateline
    ("DAVAO CITY — A landmine exploded in Barangay Tibungco on Monday, killing two farmers.",
     [(MONDAY, "Remote explosive/landmine/IED", "Tibungco")]),
    # a division's possessive says where the place after it is: that place is where it happened
    ("Troops clashed with militants on Monday in a forest in Kupwara district's Handwara area.",
     [(MONDAY, "Armed clash", "Handwara")]),
    # "on the east side of" a town is in it
    ("Gunmen opened fire on shoppers on the east side of Celaya on Monday.", [(MONDAY, "Attack", "Celaya")]),
    # a town's forces are a militia, though "Zintani" ends like a demonym ("Afghani", "Pakistani")
    ("Zintani forces recaptured Gharyan on Monday.", [(MONDAY, "Non-state actor overtakes territory", "Gharyan")]),
    ("A journalist was found decapitated in Culiacan on Tuesday.", [(TUESDAY, "Attack", "Culiacan")]),
    ("A drone dropped explosives on a police station in Jamundi on Monday.",
     [(MONDAY, "Air/drone strike", "Jamundi")]),
])
def test_features_bodies_and_valleys(read, text, expected):
    assert [(e.event_date, e.sub_event_type, e.location) for e in read(text)] == expected


def test_a_campaign_s_toll_so_far_is_no_event_s_figure(read):
    events = read("The Russian-backed offensive in Idlib has killed more than 1,600 civilians, rescuers said.")
    assert [e.fatalities for e in events] in ([], [None])


def test_a_possessive_country_before_a_division_lets_the_division_qualify(gazetteer):
    text = "Rebels attacked worshippers in Komanda, in Congo's Ituri province, on Monday, killing 38 people."
    reading = read_report(Report(text=text, published=PUBLISHED), gazetteer=gazetteer)
    assert [(e.location, e.admin1, e.fatalities) for e in reading.events] == [("Komanda", "Ituri", 38)]


def test_an_unknown_place_with_nothing_else_around_it_lies_near_the_dateline(read):
    events = read("SAINT-MARC, Haiti (AP) — Gang members attacked the town of Pont-Sondé on Monday, killing 70 people.")
    assert [(e.location, e.country_code, e.geo_precision) for e in events] == [("Pont-Sondé", "HT", "near place")]


def test_a_neighbourhood_of_a_city_is_placed_in_that_city(gazetteer):
    text = "Gunmen opened fire on a crowd in the Barrio Nuevo neighbourhood of Irapuato on Tuesday."
    found = {p.name: p for p in read_report(Report(text=text, published=PUBLISHED), gazetteer=gazetteer).places}
    assert found["Barrio Nuevo"].resolved_name == "Irapuato"


def test_the_division_that_qualifies_an_event_place_is_an_event_place_too(gazetteer):
    reading = read_report(Report(text="Gunmen attacked Gwoza, in Borno state, on Monday.", published=PUBLISHED),
                          gazetteer=gazetteer)
    assert {p.name: p.role for p in reading.places} == {"Gwoza": "event", "Borno": "event"}


def test_a_hyphenated_dateline_is_not_an_actor_and_gangs_are(read):
    text = "PORT-AU-PRINCE, Haiti (AP) — Gang members attacked the town of Mirebalais on Monday, torching homes."
    (event,) = read(text)
    assert (event.location, event.actor1) == ("Mirebalais", "Gang members")


def test_a_counteroffensive_in_a_neighbourhood_is_a_battle_there(read):
    text = "Police killed at least 10 gang members in a counteroffensive in the Delmas neighbourhood on Monday."
    (event,) = read(text)
    assert (event.event_type, event.location, event.fatalities) == ("Battles", "Delmas", 10)


def test_in_a_neighbouring_state_is_where_it_happened(read):
    text = ("Gunmen kidnapped 25 girls in Kebbi state, Nigeria, on Monday.\n\n"
            "In neighbouring Niger state, bandits attacked a church on Tuesday, killing two worshippers.")
    event = read(text)[-1]
    assert (event.event_date, event.location, event.country_code, event.fatalities) == (TUESDAY, "Niger", "NG", 2)


def test_an_arrest_after_a_shootout_is_the_shootout(read):
    text = "Soldiers arrested a cartel operative in Culiacan on Monday after a shootout that left three gunmen dead."
    (event,) = read(text)
    assert (event.event_type, event.sub_event_type, event.fatalities) == ("Battles", "Armed clash", 3)


def test_an_arrest_beside_other_news_stays_an_arrest(read):
    (event,) = read("Police arrested two suspects in Peshawar on Monday, and protests followed.")
    assert event.sub_event_type == "Arrests"


def test_including_and_wounded_add_nothing(read):
    (event,) = read("A suicide bomber struck a market in Mogadishu on Tuesday, killing at least 11 people, "
                    "including four children, and wounding 30.")
    assert event.fatalities == 11


def test_no_figure_is_none(read):
    (event,) = read("Rioters torched shops in Jos on Tuesday.")
    assert event.fatalities is None


def test_an_agreement_carries_no_deaths_of_the_fighting_it_ends(read):
    """The toll a sentence about talks recounts is the fighting's, not the agreement's (ACLED codes
    no fatalities for non-violent strategic developments)."""
    (event,) = read("Pakistan and Afghanistan agreed to a ceasefire in Doha on Tuesday, after a week of "
                    "fighting that killed dozens of soldiers.")
    assert (event.sub_event_type, event.fatalities) == ("Agreement", None)


def test_deaths_beside_an_agreement_go_to_the_violence_in_the_sentence(read):
    events = read("Rebels agreed to a truce in Goma on Monday while shelling killed seven people in Bunia.")
    by_type = {e.sub_event_type: e.fatalities for e in events}
    assert by_type == {"Agreement": None, "Shelling/artillery/missile attack": 7}

# -- evidence --------------------------------------------------------------------------------------
EVIDENCE = ("GOMA, Congo — Rebels attacked a checkpoint near Sake on Monday, killing four soldiers.\n"
            "Later, drones struck a depot in Bunia. Protesters rallied in Kinshasa on Tuesday, "
            "but police fired tear gas.")


def test_every_event_carries_its_sentence_and_offsets(gazetteer):
    reading = read_report(Report(text=EVIDENCE, published=PUBLISHED, title="T", url="https://example.org/r"),
                          gazetteer=gazetteer)
    assert [e.location for e in reading.events] == ["Sake", "Bunia", "Kinshasa"]
    for e in reading.events:
        assert EVIDENCE[e.start:e.end] == e.sentence
        assert e.start <= e.place_start < e.place_end <= e.end
        assert EVIDENCE[e.place_start:e.place_end] == e.location
        assert (e.published, e.source_title, e.source_url, e.sources) == ("2025-03-13", "T", "https://example.org/r", 1)
        assert e.triggers
    for p in reading.places:
        assert EVIDENCE[p.start:p.end] == p.name


def test_event_ids_are_stable(gazetteer):
    first = read_report(Report(text=EVIDENCE, published=PUBLISHED), gazetteer=gazetteer)
    again = read_report(Report(text=EVIDENCE, published=PUBLISHED, source_id="other"), gazetteer=gazetteer)
    assert [e.event_id for e in first.events] == [e.event_id for e in again.events]
    assert len({e.event_id for e in first.events}) == len(first.events)


def test_a_figure_told_on_another_day_is_not_the_earlier_event_s(read):
    text = ("Air strikes on Idlib killed 40 people on Tuesday. On Monday, a strike hit a car on a highway, "
            "killing two people.")
    assert [(e.event_date, e.location, e.fatalities) for e in read(text)] == [(TUESDAY, "Idlib", 40)]


def test_a_part_of_a_country_is_where_it_happened_when_nothing_nearer_is_named(read):
    assert [(e.location, e.country_code) for e in read("A drone strike on a van in northern Mali killed two men "
                                                       "on Monday.")] == [("Mali", "ML")]
    # ... but a republic "in southern Russia" only says where the republic is
    events = read("Gunmen attacked a police post in Derbent, a city of Dagestan, a republic in southern Russia, "
                  "on Monday.")
    assert [e.location for e in events] == ["Derbent"]


def test_what_a_deal_is_aimed_at_is_not_where_it_was_made(read):
    events = read("The two governments signed a peace deal in Doha on Monday aimed at ending the fighting in "
                  "eastern Congo.")
    assert [(e.sub_event_type, e.location) for e in events] == [("Agreement", "Doha")]


def test_a_dateline_is_a_town_before_a_province_of_the_same_name(read):
    # Mozambique's Gaza province is a larger entry than Gaza city, but reports are filed from towns
    events = read("GAZA: Israeli strikes killed 14 people in Deir al-Balah on Monday, medics said.")
    assert [(e.location, e.country_code, e.fatalities) for e in events] == [("Deir al-Balah", "PS", 14)]


@pytest.mark.parametrize(("text", "country"), [
    ("Jets struck Syrian military sites on Monday, the army said.", "SY"),
    ("On Monday, Indian troops captured several Pakistani border posts, officials said.", "PK"),
])
def test_a_nation_s_sites_and_posts_are_its_territory(read, text, country):
    assert [(e.event_date, e.country_code, e.geo_precision) for e in read(text)] == [(MONDAY, country, "country")]


def test_a_gang_s_attack_that_kills_people_is_violence_against_civilians(read):
    events = read("Gang members killed at least 15 people in an attack on a suburb of Cap-Haitien on Monday.")
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == \
        [("Violence against civilians", "Attack", 15)]


def test_a_toll_is_the_incident_its_clause_goes_on_to_tell(read):
    events = read("Three people were killed in Hyderabad on Monday when villagers clashed with police over a "
                  "demolition.")
    assert [(e.event_type, e.location, e.fatalities) for e in events] == [("Riots", "Hyderabad", 3)]


def test_what_a_deal_stops_did_not_happen(read):
    events = read("The two sides signed a deal in Jeddah on Monday to halt attacks on ports and to stop strikes "
                  "on power plants.")
    assert [(e.sub_event_type, e.location) for e in events] == [("Agreement", "Jeddah")]


def test_a_country_s_strikes_retold_at_its_towns_are_events_there(read):
    events = read("Jets struck two air bases in Syria on Monday, the army said. The jets bombed runways at "
                  "Hama and at Homs.")
    assert {(e.event_date, e.location) for e in events} >= {(MONDAY, "Hama"), (MONDAY, "Homs")}


def test_a_month_a_sentence_inherits_stays_a_month(read):
    events = read("Security forces killed hundreds of civilians in the coastal region earlier this month, a monitor "
                  "said on Tuesday. Loyalists ambushed a patrol near Jableh.")
    assert [(e.event_date, e.date_end, e.date_precision, e.location) for e in events] == \
        [("2025-03-01", "2025-03-13", "month", "Jableh")]


def test_a_toll_so_far_is_no_event(read):
    assert read("At least 90 people had been killed in Tigray since July, the commission said.") == []


def test_a_road_named_by_the_towns_it_joins_is_one_event_at_the_first(read):
    events = read("Gunmen kidnapped two engineers on the Kohat-Hangu road on Monday.")
    assert [(e.event_date, e.sub_event_type, e.location) for e in events] == \
        [(MONDAY, "Abduction/forced disappearance", "Kohat")]


def test_a_day_after_another_event_dates_the_places_that_follow_it(read):
    events = read("Crowds looted shops in Wau on Wednesday, a day after riots in Juba, police said.")
    assert sorted((e.location, e.event_date) for e in events) == [("Juba", TUESDAY), ("Wau", WEDNESDAY)]


def test_what_came_before_without_violence_is_no_place_of_the_event(read):
    events = read("Hundreds rallied in Derna on Tuesday, a week after floods killed thousands in the eastern city.")
    assert [(e.sub_event_type, e.location, e.event_date, e.fatalities) for e in events] == \
        [("Peaceful protest", "Derna", TUESDAY, None)]


def test_a_country_is_where_it_happened_only_when_nothing_nearer_is_named(read):
    events = read("Jets struck militias in Iraq and Syria on Monday, killing 16 people in and around al-Qaim.")
    assert [(e.location, e.fatalities) for e in events] == [("al-Qaim", 16)]


def test_a_sea_is_no_place_for_a_protest(read):
    events = read("Protesters rallied on Monday in Aktau, on the Caspian Sea.")
    assert [e.location for e in events] == ["Aktau"]


def test_a_start_is_no_date_of_what_is_told(read):
    events = read("Jets struck a camp in Kunar on Tuesday. The army has been fighting the group in the valley "
                  "since early January.")
    assert {e.event_date for e in events} == {TUESDAY}


def test_when_an_offensive_was_launched_is_not_when_it_took_a_town(read):
    events = read("The offensive, launched in late February, took Idlib on Tuesday.")
    assert [(e.event_date, e.location) for e in events] == [(TUESDAY, "Idlib")]


def test_background_and_aims_are_no_events(read):
    assert read("The captain, who seized power in January, recruited more volunteers in Ouahigouya.") == []
    assert read("Officials called it a step towards retaking Raqqa.") == []
    events = read("On Tuesday, a landmine left over from earlier fighting killed two children near Marib.")
    assert [(e.event_type, e.location) for e in events] == [("Explosions/Remote violence", "Marib")]


def test_a_raid_that_aircraft_join_is_a_strike(read):
    events = read("Twenty people were killed on Tuesday in a raid on the Jabalia camp, as warplanes and tanks "
                  "pounded the area.")
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Air/drone strike", 20)]


def test_a_wish_is_no_event(read):
    assert read("Islamabad said on Tuesday it wanted talks with Kabul.") == []


def test_an_aside_s_date_is_not_the_event_s(read):
    events = read("On Tuesday, police detained an activist in Leh, where he had begun a hunger strike earlier "
                  "this month.")
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Arrests", TUESDAY)]


def test_what_happened_during_an_incident_is_part_of_it(read):
    events = read("A protester was shot dead in Monywa on Tuesday during clashes between police and "
                  "demonstrators in the Sagaing region.")
    assert [(e.event_type, e.location, e.fatalities) for e in events] == [("Riots", "Monywa", 1)]


def test_a_local_report_s_first_event_with_no_place_is_at_its_dateline(read):
    events = read("PARACHINAR: Hundreds of truckers protested on Monday against the closure of the road.")
    assert [(e.sub_event_type, e.location) for e in events] == [("Peaceful protest", "Parachinar")]
    # ... whoever else the sentence names (a government, a country)
    events = read("PARACHINAR: Hundreds of truckers protested on Monday against Pakistan's closure of the road.")
    assert [e.location for e in events] == ["Parachinar"]
    # ... or where the protesters were heading
    events = read("PARACHINAR: Hundreds of truckers marched to Peshawar on Monday against the closure of the road.")
    assert [e.location for e in events] == ["Parachinar"]
    # a capital's dateline files news from the whole country
    assert read("KABUL: Hundreds of truckers protested on Monday against the closure of the road.") == []


def test_a_capital_s_landmark_places_a_lede_at_the_capital(read):
    events = read("KABUL: Hundreds of women protested outside the interior ministry on Monday.")
    assert [(e.sub_event_type, e.location) for e in events] == [("Peaceful protest", "Kabul")]


def test_an_event_told_before_as_a_time_is_no_new_event(read):
    events = read("A drone struck a gas field in Iraq's Kurdistan region on Monday. Power cuts hit Erbil and "
                  "Sulaimaniyah after the attack.")
    assert [e.location for e in events] == ["Kurdistan region"]


def test_a_side_s_claim_is_no_toll_beside_a_count(read):
    events = read("A car bomb hit a checkpoint in Baidoa on Monday, killing at least six people, including two "
                  "soldiers. The militants said they had killed 30 soldiers.")
    assert [e.fatalities for e in events] == [6]


def test_an_undated_headline_is_the_body_s_event_told_short(read):
    events = read("Suicide blast at Bannu mosque kills six\nPESHAWAR: A suicide bomber blew himself up inside a mosque "
                  "in Bannu's Mir Ali during Friday prayers, killing six worshippers, police said.")
    assert [str(e.event_date) for e in events] == ["2025-03-07"]  # one event, on the body's Friday


def test_where_someone_spoke_or_where_a_group_is_based_is_no_event_place(read):
    assert read("The minister, speaking at a summit in Geneva on Monday, condemned the strike.") == []
    events = read("Gunmen based in Zamfara abducted 20 farmers in Katsina state on Monday.")
    assert [e.location for e in events] == ["Katsina"]
    events = read("Protesters marching towards Lahore clashed with police in Muridke on Monday.")
    assert [e.location for e in events] == ["Muridke"]
