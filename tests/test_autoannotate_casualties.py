"""Casualty figures: qualifiers, number words, kinds, scope, victims, sources; non-casualty numbers."""
from analysis.autoannotate import annotate_text


def test_qualifier_and_counts():
    _, ann = annotate_text("Shelling killed at least 12 civilians in Khartoum on Sunday, according to local medics.")
    (c,) = ann.casualties
    assert (c.text, c.kind, c.qualifier, c.count_low, c.count_high) == ("at least 12", "killed", "at_least", 12, None)
    assert c.victims == "civilians" and c.reported_by == "local medics"
    assert c.date is not None and c.scope == "incident"


def test_more_than_nearly_up_to():
    _, ann = annotate_text("More than 1,200 people were wounded. Nearly 300 were missing. Up to 40 were killed.")
    got = [(c.kind, c.qualifier, c.count_low, c.count_high) for c in ann.casualties]
    assert got == [("injured", "more_than", 1201, None), ("missing", "nearly", None, 300),
                   ("killed", "up_to", None, 40)]


def test_vague_words_use_quantities_ranges():
    _, ann = annotate_text("Dozens of fighters were killed and several soldiers were injured.")
    got = [(c.text, c.kind, c.vague_word, c.count_low, c.count_high) for c in ann.casualties]
    assert got == [("Dozens", "killed", "dozens", 24, 99), ("several", "injured", "several", 3, 9)]


def test_number_words_and_hostages():
    _, ann = annotate_text("Gunmen abducted two aid workers. The group holds 101 hostages.")
    got = [(c.text, c.kind, c.count_low) for c in ann.casualties]
    assert got == [("two", "hostage", 2), ("101", "hostage", 101)]


def test_cumulative_toll():
    _, ann = annotate_text("The death toll since the war began has risen to 35,000, the ministry said.")
    (c,) = ann.casualties
    assert c.scope == "cumulative" and c.count_low == 35000


def test_numbers_that_are_not_casualties():
    _, ann = annotate_text("Hezbollah fired 30 rockets. The U.S. sent $3.5 billion. The war has lasted 10 months "
                           "since October 2023, and a 12-year-old girl was hurt.")
    assert [(c.text, c.count_low) for c in ann.casualties] == [("a 12-year-old girl", 1)]


def test_perpetrator_from_subject():
    _, ann = annotate_text("A Russian missile strike killed seven people in Odesa on Friday.")
    (c,) = ann.casualties
    assert c.perpetrator == "russia" and c.count_low == 7


def test_reporter_from_quote_attribution():
    _, ann = annotate_text("Five soldiers were killed in the ambush, the Nigerian army said.")
    (c,) = ann.casualties
    assert c.reported_by_actor == "nigeria"


# --- generalisation fixes: sentences written for these tests ---

def test_participle_pair_keeps_each_verb():
    _, ann = annotate_text("A car bomb exploded in Mogadishu, killing three soldiers and wounding seven others.")
    assert [(c.text, c.kind) for c in ann.casualties] == [("three", "killed"), ("seven", "injured")]


def test_ages_are_not_counts():
    _, ann = annotate_text("Shelling hit Donetsk, killing two women aged 64 and 70 and injuring a boy.")
    assert [(c.text, c.kind) for c in ann.casualties] == [("two", "killed")]


def test_subset_after_a_figure_inherits_its_kind():
    _, ann = annotate_text("Militants killed 30 villagers, including 12 children, in Borno state.")
    assert [(c.text, c.kind) for c in ann.casualties] == [("30", "killed"), ("12", "killed")]
    _, ann = annotate_text("Floods and fire injured 40 people, among them several nurses, in the camp.")
    assert [(c.kind, c.qualifier) for c in ann.casualties] == [("injured", "exact"), ("injured", "vague")]


def test_prisoners_of_war_are_captives():
    _, ann = annotate_text("Armenia and Azerbaijan exchanged 32 prisoners of war on Tuesday.")
    (c,) = ann.casualties
    assert (c.kind, c.count_low, c.victims) == ("hostage", 32, "prisoners of war")


def test_listed_as_missing():
    _, ann = annotate_text("About 1,500 residents are officially listed as missing after the floods.")
    (c,) = ann.casualties
    assert (c.kind, c.qualifier, c.count_low) == ("missing", "about", 1500)


def test_qualifier_before_a_dozen_is_a_qualified_number():
    _, ann = annotate_text("About a dozen villagers were wounded in the shelling near Bakhmut. "
                           "Fewer than a dozen fighters were killed, the militia said.")
    got = [(c.text, c.kind, c.qualifier, c.count_low, c.count_high, c.vague_word) for c in ann.casualties]
    assert got == [("About a dozen", "injured", "about", 12, 12, None),
                   ("Fewer than a dozen", "killed", "up_to", None, 11, None)]


def test_degree_adverb_between_linking_verb_and_casualty_word():
    _, ann = annotate_text("Three peacekeepers were seriously injured near Bunia. Four miners were critically hurt.")
    assert [(c.text, c.kind) for c in ann.casualties] == [("Three", "injured"), ("Four", "injured")]


def test_quantity_inside_a_partial_quote_after_the_verb():
    _, ann = annotate_text("The colonel said his unit had wounded \u201cmore than 20 insurgents\u201d near Mopti.")
    (c,) = ann.casualties
    assert (c.text, c.kind, c.count_low) == ("more than 20", "injured", 21)


def test_subset_with_its_noun_before_among_them():
    _, ann = annotate_text("Bandits abducted 40 pupils in Zamfara, six teachers among them, police said.")
    got = [(c.text, c.kind, c.victims) for c in ann.casualties]
    assert got == [("40", "hostage", "pupils"), ("six", "hostage", "teachers")]


def test_people_taken_from_a_place_are_hostages_but_places_taken_are_not():
    _, ann = annotate_text("Eleven passengers seized from a ferry on Lake Chad have not been freed. "
                           "Rebels said 12 towns taken by the army were retaken.")
    assert [(c.text, c.kind, c.victims) for c in ann.casualties] == [("Eleven", "hostage", "passengers")]


def test_sentence_opening_gives_the_kind_of_later_counts():
    _, ann = annotate_text("Among the dead were two paramedics and a driver in Khan Younis. "
                           "Five people were killed near Sumy. The others were a teacher and her three sons.")
    got = [(c.text, c.kind) for c in ann.casualties]
    assert got == [("two", "killed"), ("a driver", "killed"), ("Five", "killed"), ("three", "killed")]


def test_opening_without_casualty_words_gives_no_kind():
    _, ann = annotate_text("The others were three trucks and two villages near Goma.")
    assert ann.casualties == []


def test_counted_bodies_are_deaths_whatever_follows():
    """'N bodies' reports N dead even when a figure of wounded follows in the same clause."""
    from analysis.autoannotate import annotate_text

    text = ("A nurse said 12 bodies were brought to the clinic and 40 wounded people were treated. "
            "Villagers recovered 7 corpses from the river on Friday.\n")
    _, ann = annotate_text(text, "2025-03-10")
    found = sorted((c.kind, c.count_low) for c in ann.casualties)
    assert ("killed", 12) in found and ("killed", 7) in found and ("injured", 40) in found
    assert ("injured", 12) not in found


def _dated(ann):
    """(text, start_date) of every casualty figure, its date resolved."""
    days = {d.id: d.start_date for d in ann.dates}
    return [(c.text, days.get(c.date)) for c in ann.casualties]


def test_a_figure_without_a_date_takes_its_incidents_date():
    _, ann = annotate_text("A mortar attack on a market in Gao killed eight traders on Saturday. "
                           "Fourteen others were wounded in the attack, the governor said.", "2025-04-07")
    assert _dated(ann) == [("eight", "2025-04-05"), ("Fourteen", "2025-04-05")]


def test_a_headline_figure_shares_the_date_of_its_restatement():
    body = ("The militia shelled the camp on Thursday. Later the mayor said nine people had died in the camp.")
    _, ann = annotate_text(body, "2025-04-07", title="Nine killed in camp shelling")
    got = _dated(ann)
    assert got[0] == ("Nine", "2025-04-03") and ("nine", "2025-04-03") in got


def test_the_date_of_a_saying_is_not_the_date_of_the_casualties():
    _, ann = annotate_text("Officials said on Monday that a raid on Saturday killed six herders.", "2025-04-09")
    assert _dated(ann) == [("six", "2025-04-05")]


def test_a_breakdown_takes_its_totals_date_and_a_new_incident_its_own():
    text = ("Gunmen killed 12 villagers, among them four children, near Djibo on Tuesday. "
            "In March, three soldiers were killed in an ambush. Two more soldiers died of their wounds.")
    _, ann = annotate_text(text, "2025-04-10")
    assert _dated(ann) == [("12", "2025-04-08"), ("four", "2025-04-08"), ("three", "2025-03-01"), ("Two", None)]


def test_a_date_in_another_figures_clause_is_not_this_ones():
    _, ann = annotate_text("The three deaths came after two people died on Friday in the shelling.", "2025-04-07")
    got = dict(_dated(ann))
    assert got["two"] == "2025-04-04" and got["three"] is None


def test_the_second_day_of_a_date_is_not_a_count():
    _, ann = annotate_text("Rocket fire on March 4 and 5 wounded four farmers.", "2024-03-06")
    assert [c.text for c in ann.casualties] == ["four"]


def test_predicates_of_death_it_did_not_know():
    text = ("The blast claimed the lives of 14 porters. Nine guards of the depot lost their lives. "
            "The toll climbed to 30 on Sunday. Rescuers found the bodies of three miners. "
            "Two fishermen may have drowned, and five crew remain missing. The five who suffered burns were flown out.")
    _, ann = annotate_text(text, "2025-04-07")
    got = [(c.text, c.kind) for c in ann.casualties]
    assert ("14", "killed") in got and ("Nine", "killed") in got and ("30", "killed") in got
    assert ("three", "killed") in got and ("five", "missing") in got and ("five", "injured") in got


def test_single_victims_are_counted_one():
    text = ("A priest was shot dead outside his church. A third hostage is presumed dead. "
            "Envoys condemned the killing of a medic in Bor. Victims included a driver and 4 traders.")
    _, ann = annotate_text(text, "2025-04-07")
    got = [(c.text, c.kind, c.count_low, c.count_high) for c in ann.casualties]
    assert got == [("A priest", "killed", 1, 1), ("A third", "killed", 1, 1), ("a medic", "killed", 1, 1),
                   ("a driver", "killed", 1, 1), ("4", "killed", 4, 4)]


def test_a_person_in_a_sentence_without_a_casualty_is_no_figure():
    _, ann = annotate_text("A nurse said the clinic had run out of fuel. A teacher was among the speakers.")
    assert ann.casualties == []


def test_coordinated_counts_take_the_kind_of_the_verb_that_governs_them():
    text = "Gunmen attacked the convoy, killing 9 guards, among them two women, and a driver, and wounding 40."
    _, ann = annotate_text(text, "2025-04-07")
    got = [(c.text, c.kind) for c in ann.casualties]
    assert got == [("9", "killed"), ("two", "killed"), ("a driver", "killed"), ("40", "injured")]


def test_a_range_and_an_unstated_part():
    _, ann = annotate_text("Between 12 and 15 recruits were killed. The bomb killed some of the guests.")
    got = [(c.text, c.qualifier, c.count_low, c.count_high) for c in ann.casualties]
    assert got == [("Between 12 and 15", "vague", 12, 15), ("some", "vague", 2, None)]


def _perpetrators(ann):
    """(text, perpetrator's name) of every casualty figure."""
    names = {a.id: a.name for a in ann.actors}
    return [(c.text, names.get(c.perpetrator)) for c in ann.casualties]


def test_the_attacker_not_the_place_attacked_is_the_perpetrator():
    _, ann = annotate_text("A Russian drone strike on Ukraine's Kharkiv killed four people on Monday.", "2025-04-09")
    assert _perpetrators(ann) == [("four", "Russia")]


def test_the_subject_after_a_speech_frame_and_the_agent_of_by():
    text = ("Hamas officials said Israeli attacks overnight killed 14 people in Rafah. "
            "Two guards were wounded by Hezbollah fire near Metula.")
    _, ann = annotate_text(text, "2025-04-09")
    assert _perpetrators(ann) == [("14", "Israel"), ("Two", "Hezbollah")]


def test_a_claim_of_responsibility_names_the_incidents_perpetrator():
    text = ("A car bomb killed nine people in Mogadishu on Monday. Eleven others were wounded in the blast. "
            "Al-Shabaab claimed responsibility for the attack.")
    _, ann = annotate_text(text, "2025-04-09")
    assert _perpetrators(ann) == [("nine", "al-Shabaab"), ("Eleven", "al-Shabaab")]


def test_a_states_adjective_before_rebels_is_not_the_perpetrator_and_none_stays_none():
    _, ann = annotate_text("Peruvian rebels killed six police officers. A landslide killed three people.", "2025-04-09")
    assert [p for _, p in _perpetrators(ann)] == [None, None]


def _scopes(body: str) -> list[tuple[str, str]]:
    _, ann = annotate_text(body)
    return [(c.text, c.scope) for c in ann.casualties]


def test_a_cue_in_a_later_clause_leaves_the_figure_an_incident():
    got = _scopes("Raiders killed 40 villagers in the attack on Monday and seized 12 hostages, most of whom "
                  "have since been freed.")
    assert got == [("40", "incident"), ("12", "incident")]


def test_a_toll_given_once_is_no_running_toll():
    got = _scopes("Police first said nine guards had been killed, but the governor later put the toll at 11.")
    assert got == [("nine", "incident"), ("11", "incident")]


def test_a_war_that_has_killed_and_cues_around_the_figure_are_cumulative():
    got = _scopes("The insurgency in the north has killed more than 6,000 people. "
                  "The conflict has dragged on for a decade, killing about 30,000 civilians. "
                  "More than 900 soldiers have died, mostly in the eastern provinces. "
                  "So far this year, 75 aid workers were killed.")
    assert [s for _, s in got] == ["cumulative"] * 4


def test_a_running_toll_that_has_risen_is_cumulative_and_its_companion_figure_too():
    got = _scopes("The health office said the death toll in the province had reached at least 2,300, with "
                  "another 5,100 people wounded.")
    assert got == [("at least 2,300", "cumulative"), ("5,100", "cumulative")]


def test_a_battle_of_some_days_is_still_an_incident():
    got = _scopes("Rebels seized the town on Sunday after two days of fighting, killing at least 17 civilians.")
    assert got == [("at least 17", "incident")]


def test_casualty_noun_after_the_count_gives_its_kind():
    _, ann = annotate_text("Rockets hit the market, resulting in at least two deaths, and 14 people were injured.")
    got = [(c.text, c.kind, c.victims) for c in ann.casualties]
    assert got == [("at least two", "killed", "deaths"), ("14", "injured", "people")]


def test_toll_reached_and_its_with_clause_keep_their_own_kinds():
    _, ann = annotate_text("Officials said the death toll had reached at least 812 people, with another 2,040 people injured.")
    assert [(c.count_low, c.kind) for c in ann.casualties] == [(812, "killed"), (2040, "injured")]


def test_deaths_from_disease_are_not_conflict_casualties():
    _, ann = annotate_text("In the north, 31 people have died from a measles outbreak. Nine more died of starvation.")
    assert ann.casualties == []


def test_an_estimated_count_is_a_number_not_one_person():
    _, ann = annotate_text("The war dragged on for a decade, killing an estimated 45,000 people.")
    assert [(c.text, c.count_low, c.qualifier) for c in ann.casualties] == [("an estimated 45,000", 45000, "about")]


def test_count_in_apposition_after_a_dash_takes_the_noun_kind():
    _, ann = annotate_text("The rebels freed more hostages on Friday \u2014 three aid workers \u2014 after talks.")
    assert [(c.text, c.kind) for c in ann.casualties] == [("three", "hostage")]


def test_victims_list_does_not_take_the_kind_of_the_sentence_before():
    _, ann = annotate_text("Five soldiers were wounded and one is missing. Victims included a colonel and 6 cadets.")
    assert [(c.text, c.kind) for c in ann.casualties] == [("Five", "injured"), ("one", "missing"),
                                                           ("a colonel", "killed"), ("6", "killed")]


def test_casualty_noun_is_the_victim_noun_as_written():
    _, ann = annotate_text("The bombing left more than 70 dead and many more injured.")
    assert [(c.kind, c.victims) for c in ann.casualties] == [("killed", "dead"), ("injured", "injured")]


def test_released_hostages_name_their_holder_and_no_capture_date():
    _, ann = annotate_text("Al-Shabaab released more captives on Tuesday \u2014 four Kenyan engineers \u2014 after talks.")
    (c,) = ann.casualties
    assert (c.kind, c.victims, c.date) == ("hostage", "Kenyan engineers", None)
    assert [a.name.lower() for a in ann.actors if a.id == c.perpetrator] == ["al-shabaab"]


def test_victim_noun_phrase_keeps_abbreviations_and_the_group_named_after_members():
    _, ann = annotate_text("Eight members of the Malian armed forces lost their lives. Two U.N. aid workers died.")
    assert [c.victims for c in ann.casualties] == ["members of the Malian armed forces", "U.N. aid workers"]


def test_one_count_under_killed_or_wounded_is_a_figure_of_each_kind():
    _, ann = annotate_text("The fighting has left hundreds of villagers killed or injured. Two more were killed.")
    got = [(c.text, c.kind, c.count_low, c.count_high) for c in ann.casualties]
    assert got == [("hundreds", "killed", None, 999), ("hundreds", "injured", None, 999), ("Two", "killed", 2, 2)]


def test_missing_then_found_dead_is_a_missing_and_a_killed_figure():
    _, ann = annotate_text("After the ambush, one medic went missing and was later found dead. Two others went missing.")
    assert [(c.text, c.kind) for c in ann.casualties] == [("one", "missing"), ("one", "killed"), ("Two", "missing")]
