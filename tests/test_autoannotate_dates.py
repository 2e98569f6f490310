"""Dates resolved against the publication date (Monday 2024-08-12), tense deciding weekdays."""
from analysis.autoannotate import annotate_text


def values(ann):
    return [(d.text, d.value, d.precision, d.resolution) for d in ann.dates]


def test_weekday_past_and_future_by_tense():
    _, ann = annotate_text("Militants attacked the base on Saturday. Talks are set to resume on Thursday. "
                           "The minister will travel to Doha on Friday.")
    assert values(ann) == [("Saturday", "2024-08-10", "day", "weekday_past"),
                           ("Thursday", "2024-08-15", "day", "weekday_future"),
                           ("Friday", "2024-08-16", "day", "weekday_future")]


def test_weekday_same_as_publication_is_that_day():
    _, ann = annotate_text("The army said Monday that it had withdrawn.")
    assert values(ann)[0][1] == "2024-08-12"


def test_part_of_day_is_in_the_span():
    _, ann = annotate_text("Drones struck Sunday evening.")
    assert values(ann) == [("Sunday evening", "2024-08-11", "day", "weekday_past")]


def test_relative_weeks_months_weekend():
    _, ann = annotate_text("Last week, fighting resumed. Last month the truce collapsed. "
                           "Over the weekend, shelling continued. Talks happen this week.")
    got = {(d.text.lower(), d.value) for d in ann.dates}
    assert {("last week", "2024-W32"), ("last month", "2024-07"), ("the weekend", "2024-W32"),
            ("this week", "2024-W33")} <= got
    weekend = next(d for d in ann.dates if "weekend" in d.text)
    assert (weekend.start_date, weekend.end_date) == ("2024-08-10", "2024-08-11")


def test_month_day_gets_the_right_year():
    _, ann = annotate_text("The Oct. 7 attack shocked Israel. Elections are expected on Nov. 5.")
    assert values(ann)[0][:2] == ("Oct. 7", "2023-10-07")
    assert values(ann)[1][:2] == ("Nov. 5", "2024-11-05")


def test_explicit_dates_months_years_and_durations():
    _, ann = annotate_text("Both sides agreed on July 2, 2024 after 10 months of war. The army said in March 2023 "
                           "that two years of fighting had passed.")
    got = values(ann)
    assert ("July 2, 2024", "2024-07-02", "day", "explicit") in got
    assert ("10 months", "P10M", "duration", "duration") in got
    assert ("March 2023", "2023-03", "month", "explicit") in got
    assert ("two years", "P2Y", "duration", "duration") in got


def test_last_named_month_is_the_previous_one():
    _, ann = annotate_text("He said last October that he had proposed a strike.")
    assert values(ann)[0][:2] == ("last October", "2023-10")


def test_without_publication_date_relative_dates_are_left_out():
    _, ann = annotate_text("Rebels attacked on Saturday, two days after the July 2, 2024 deal.", published=None)
    assert [d.text for d in ann.dates] == ["two days", "July 2, 2024"]
    assert ann.article.published is None


def test_dateline_supplies_publication_date():
    _, ann = annotate_text("KYIV, Aug. 12, 2024 — Russia attacked on Saturday.", published=None)
    assert ann.article.published == "2024-08-12"
    assert ("Saturday", "2024-08-10", "day", "weekday_past") in values(ann)


# --- generalisation fixes (publication Monday 2024-08-12) ---

def test_weekday_with_full_date_is_one_expression():
    _, ann = annotate_text("Observers arrived on Wednesday, 7 August 2024, and left on Friday, August 9, 2024.")
    assert [(d.text, d.value) for d in ann.dates] == [("Wednesday, 7 August 2024", "2024-08-07"),
                                                      ("Friday, August 9, 2024", "2024-08-09")]


def test_set_for_makes_a_weekday_future():
    _, ann = annotate_text("Ceasefire talks set for Thursday in Doha.")
    assert values(ann) == [("Thursday", "2024-08-15", "day", "weekday_future")]


def test_month_last_year_is_one_month():
    _, ann = annotate_text("The blockade began in March last year and eased in February next year.")
    assert [(d.text, d.value, d.precision) for d in ann.dates] == [("March last year", "2023-03", "month"),
                                                                   ("February next year", "2025-02", "month")]


def test_half_durations():
    _, ann = annotate_text("After two and a half years of siege and a month and a half of talks, nothing moved.")
    assert [(d.text, d.value) for d in ann.dates] == [("two and a half years", "P2Y6M"),
                                                      ("a month and a half", "P1M15D")]


def test_hours_that_make_whole_days_are_day_durations():
    _, ann = annotate_text("Monitors recorded 30 violations in the past 48 hours. The curfew lasted six hours.")
    assert values(ann) == [("48 hours", "P2D", "duration", "duration")]


def test_untensed_relative_clause_takes_the_tense_of_its_sentence():
    _, ann = annotate_text("The envoy, whose term ends on Sept. 3, will visit Juba. "
                           "The truce, which starts on Aug. 1, was signed in Doha.")
    assert [(d.text, d.value) for d in ann.dates] == [("Sept. 3", "2024-09-03"), ("Aug. 1", "2024-08-01")]


def test_a_month_someone_is_up_for_election_in_is_a_coming_one():
    _, ann = annotate_text("The governor is up for reelection in March, and the attack may be linked to that. "
                           "The council faces election in June. The army retook the town in March.")
    assert [(d.text, d.value) for d in ann.dates] == [("March", "2025-03"), ("June", "2025-06"), ("March", "2024-03")]


def test_an_age_in_months_is_no_duration():
    _, ann = annotate_text("A boy aged nine months was among the wounded on Sunday.")
    assert [d.text for d in ann.dates] == ["Sunday"]
