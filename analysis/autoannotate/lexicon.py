"""Word lists of news English that several rules share (roles, speech verbs, function words)."""
from __future__ import annotations

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
    "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan.": 1, "Jan": 1, "Feb.": 2, "Feb": 2, "Mar.": 3, "Apr.": 4, "Aug.": 8, "Aug": 8, "Sept.": 9,
    "Sep.": 9, "Sept": 9, "Oct.": 10, "Oct": 10, "Nov.": 11, "Nov": 11, "Dec.": 12, "Dec": 12,
    "Mar": 3, "Apr": 4, "Jun": 6, "Jun.": 6, "Jul": 7, "Jul.": 7, "Sep": 9,
}
CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)

# Nouns and titles that introduce a person's name ("spokesman John Kirby", "President Joe Biden").
ROLE_WORDS = frozenset("""
spokesman spokeswoman spokesperson president minister secretary leader commander chief general gen. gen
colonel col. col lieutenant lt. lt major maj. captain capt. sergeant sgt. admiral adm. envoy ambassador
official director head chairman chairwoman chair governor mayor senator sen. rep. representative lawmaker
king queen prince princess emir sheikh ayatollah imam cleric analyst researcher professor prof. dr. dr mr. mr
mrs. mrs ms. ms coordinator commissioner adviser advisor negotiator premier chancellor mediator correspondent
reporter journalist deputy founder mastermind rapporteur diplomat activist witness resident doctor surgeon
nurse father mother son daughter brother sister wife husband pope cardinal bishop rabbi mufti speaker
militant fighter soldier officer marshal brigadier warlord strongman ruler vice mp
delegate ombudsman priest pastor reverend rev. rev farmer trader teacher worker student engineer lawyer judge
villager shopkeeper vendor driver fisherman herder midwife medic paramedic volunteer economist historian
scholar expert consultant fellow elder chieftain survivor mechanic merchant
""".split())
# Title-case role words that may open a capitalised run ("Defense Secretary Lloyd Austin").
TITLE_WORDS = frozenset(w.capitalize() for w in ROLE_WORDS) | frozenset(
    {"Supreme", "Prime", "Foreign", "Defense", "Defence", "Interior", "Deputy", "Vice", "Acting", "Former",
     "Senior", "Top", "Chief", "Lt.", "Gen.", "Col.", "Maj.", "Capt.", "Sgt.", "Adm.", "Dr.", "Mr.",
     "Mrs.", "Ms.", "Prof.", "Sen.", "Rep.", "Secretary-General", "Secretary-general", "Sheikh",
     "Ayatollah", "Imam", "Hojatoleslam", "Field", "Marshal", "State", "Army", "Staff", "National",
     "Security", "Adviser", "Advisor", "Spokesman", "Spokesperson", "Spokeswoman"})
SPEECH_VERBS = frozenset("""
said says say told tells tell added adds warned warns announced announces reported accused accuses
claimed stated noted insisted insists confirmed confirms denied denies argued argues
explained explains wrote writes declared declares stressed stresses urged urges acknowledged acknowledges
alleged alleges asserted asserts maintained replied replies responded responds
signaled signalled indicated described describes dismissed dismisses called vowed vows calling saying telling adding warning announcing noting insisting stressing urging claiming accusing arguing explaining
""".split())
SPEECH_VERBS_NO_CLAUSE = frozenset({"urged", "urges", "urging", "responded", "responds", "replied", "replies",
                                    "described", "describes", "dismissed", "dismisses", "vowed", "vows"})
AUXILIARIES = frozenset("""
has have had is was were are be been will would could should may might must can did does do also later
then previously repeatedly reportedly allegedly earlier further again already once had’ve not n't n’t
""".split())
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
DEFINITE_NOUNS = frozenset("""
source sources group movement ministry army military organization organisation agency militia statement
office government official spokesman spokesperson spokeswoman mission council department country force
forces president minister administration embassy diplomat officer envoy commander analyst
""".split())
PREPOSITIONS = frozenset("""
of to in on at for with from by about against toward towards into onto over under near between among
across through during after before since until like via upon within without behind beyond
""".split())
# Capitalised words that open sentences but are not names.
COMMON_CAPITALISED = frozenset("""
The A An But And Or In On At After Before Although Though While Meanwhile However Following Despite
With Without As If When Where Why How What Who Which This That These Those There Here It Its He She
They We I Our Their His Her Some Many Most Several Few Both Each Every All Any No Not One Two Three
Since Until Over Under Last Next This Earlier Later Yet So Then Now Today Yesterday Tomorrow Also Still
Even Amid Among Asked Speaking According Renewed New Residents Officials Local Witnesses Police Troops
Gunmen Fighters Rebels Forces Soldiers For From By Of To Into About Around Across Through During Instead
""".split())
ORG_HEADS = {
    "ministry": "government_institution", "department": "government_institution",
    "office": "government_institution", "authority": "government_institution",
    "police": "government_institution", "command": "government_institution",
    "directorate": "government_institution", "headquarters": "government_institution",
    "mission": "international_organisation", "delegation": "international_organisation", "parliament": "government_institution",
    "assembly": "government_institution", "agency": "government_institution",
    "service": "government_institution", "court": "government_institution",
    "council": "government_institution", "commission": "government_institution",
    "forces": "armed_group", "army": "armed_group", "brigade": "armed_group", "brigades": "armed_group",
    "front": "armed_group", "militia": "armed_group", "militias": "armed_group", "battalion": "armed_group",
    "guard": "armed_group", "guards": "armed_group", "corps": "armed_group", "movement": "armed_group",
    "party": "political_organisation", "alliance": "political_organisation",
    "committee": "political_organisation", "network": "political_organisation",
    "society": "political_organisation", "foundation": "political_organisation",
    "union": "political_organisation", "coalition": "political_organisation",
    "organization": "international_organisation", "organisation": "international_organisation",
    "programme": "international_organisation", "program": "international_organisation",
    "fund": "international_organisation", "institute": "political_organisation",
    "monitor": "political_organisation", "observatory": "political_organisation", "watch": "political_organisation",
    "tracker": "political_organisation", "force": "armed_group", "division": "armed_group",
    "regiment": "armed_group", "bloc": "armed_group", "faction": "armed_group", "unit": "armed_group",
    "wing": "armed_group", "frente": "armed_group", "fuerzas": "armed_group", "ejército": "armed_group", "project": "political_organisation", "centre": "political_organisation",
    "center": "political_organisation", "group": "political_organisation",
    "news": "media", "times": "media", "post": "media", "tv": "media", "television": "media",
    "radio": "media", "broadcaster": "media",
}
PLACE_HEADS = frozenset("""
Strip City Street Square Province Region District Governorate State County Valley River Sea Gulf Bay
Mountains Mountain Hills Heights Bank Coast Desert Island Islands Border Crossing Camp Airport Port Road
Highway Hospital University School Mosque Church Bridge Peninsula Lake Ocean East West North South Middle
""".split())
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von", "der", "da", "di", "le", "la",
                            "du", "ben", "bint"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "near", "inside", "outside", "into", "around",
                                "across", "toward", "towards", "over", "through", "capital", "city", "of"})
PLACE_NOUNS = frozenset("""
suburb suburbs outskirts streets street neighbourhood neighborhood neighbourhoods neighborhoods airport
centre center residents southern northern eastern western mayor skyline districts district port province
hospitals hospital university downtown old
""".split())
METONYMY_VERBS = frozenset("""
said says has have had will would is was accused warned denied wants wanted insisted responded blamed
vowed rejected announced claimed must should could may did does sees saw believes fears hopes struck
launched retaliated threatened accuses warns denies rejects blames vows claims says
""".split())

# Lowercase nouns after a capitalised name that say what kind of organisation it names ("its Amaq news agency").
ORG_NOUNS_AFTER = {
    ("news", "agency"): "media", ("media", "arm"): "media", ("media", "wing"): "media", ("newspaper",): "media",
    ("broadcaster",): "media", ("channel",): "media", ("radio", "station"): "media", ("radio",): "media",
    ("television", "station"): "media", ("tv", "station"): "media", ("news", "website"): "media", ("agency",): "government_institution",
    ("militia",): "armed_group", ("rebels",): "armed_group", ("rebel", "group"): "armed_group",
    ("armed", "group"): "armed_group", ("jihadist", "group"): "armed_group", ("militant", "group"): "armed_group",
    ("paramilitary", "group"): "armed_group", ("party",): "political_organisation",
    ("charity",): "political_organisation", ("aid", "group"): "political_organisation",
    ("gang",): "armed_group", ("gang", "coalition"): "armed_group", ("cartel",): "armed_group",
}
# Nouns heading an apposition or following a name that make it a place ("X, the last major city in Y").
PLACE_WORDS = frozenset("""
city town village hamlet camp province region district state county governorate capital area neighbourhood
neighborhood suburb border crossing airport port harbour harbor base island islands valley river mountains
desert road highway municipality oblast enclave settlement compound frontline front line strongholds
stronghold hub outpost
""".split())
# Words before a capitalised name that make it a place ("west of X", "near X", "reached X").
PLACE_CUES = frozenset({"in", "near", "outside", "inside", "around", "towards", "toward", "into", "across",
                        "besieged", "entered", "shelled", "recaptured", "reached"})
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                     "outskirts", "edge", "centre", "center"})
# Words before a capital that make it stand for its government ("accused Kyiv", "closer to Moscow").
POLITICAL_VERBS = frozenset("""
accused accuses accusing blamed blames blaming urged urges urging warned warns warning condemned condemns
criticised criticized criticises criticizes pressed presses sanctioned sanctions thanked praised
""".split())
RELATION_WORDS = frozenset("""
closer closest close ties relations talks down rely relies relied relying depend depends depended depending
lean leans leaned leaning turned turn turns turning pivot pivoted allied aligned pressure loyal
called calls calling call appealed appeals appealing
""".split())
# Participles without -ed/-en that take an agent "by" ("held by Kyiv", "sent by Moscow").
IRREGULAR_PARTICIPLES = frozenset("""
held sent led built brought bought sought fought caught taught struck hit shot set put cut kept left lost won
paid made run told said
""".split())
# Organisation heads whose name may end in the country they work in ("Monitoring Mission in Ukraine").
SEATED_HEADS = frozenset({"mission", "office", "delegation", "embassy", "representation"})
# Capitalised adjectives of regions and blocs that describe unnamed people ("a Western diplomat").
REGIONAL_ADJECTIVES = frozenset({"Western", "Eastern", "Arab", "African", "European", "Asian", "Gulf", "Latin",
                                 "Nordic", "Baltic", "Balkan", "Caucasian", "Kurdish", "Sunni", "Shia", "Shiite"})
