"""Build khabar's PLOVER context tables from the Phoenix issue keywords, the PLOVER manual and CAMEO2PLOVER.

    python tools/build_context_keywords.py [../shared/dictionaries/petrarch2/Phoenix.IssueCoding.txt]
        [../shared/gold/plover_gsr/CAMEO2PLOVER-2021.txt]

Writes two tables in khabar's own layout, each row with a ``source`` column:

- ``khabar/kb/data/context_keywords.tsv``: a word or phrase (lowercased tokens as spaCy's English tokenizer
  splits them, space-separated; each token is matched against a sentence token's text or lemma), the PLOVER
  context it signals, and ``kind``: ``keyword`` signals the context, ``except`` is a longer phrase in which
  the keyword does not ("landslide victory", "hunger strike").
- ``khabar/kb/data/cameo_contexts.tsv``: a CAMEO code and the PLOVER context(s) the PLOVER team's
  CAMEO2PLOVER table (2021) gives it.

The Phoenix issue file (openeventdata/phoenix_pipeline, MIT) holds keyword lists per issue; only its facts
(the phrases) are taken, each mapped to a PLOVER context through ``ISSUE_CONTEXT`` below: the mapping is the
decision, written down once, and follows the context definitions of the PLOVER manual (Schrodt et al., draft
0.8, 2021, chapter "Contexts"). Phoenix syntax: ``n:`` noun (the lemma is enough: khabar matches lemmas),
``v:`` verb (likewise), ``+`` a space or a hyphen; ``~`` lines are exceptions within the issue, ``~~`` lines
article-level vetoes (not used: khabar codes a sentence, not an article). Contexts the file has no list for
(military, diplomatic, legal, ...) get khabar's own rows in ``OWN_ROWS``, each group citing the manual's
definition it follows.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import spacy

from khabar.extractors.event_contexts import CONTEXTS  # the manual's list, in one place

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "khabar" / "kb" / "data"
PHOENIX = "Phoenix.IssueCoding (MIT)"
MANUAL = "PLOVER manual, Contexts"


# Phoenix issue code -> PLOVER context ("" = none: the manual has no context for it). The reason follows.
ISSUE_CONTEXT = {
    # education and tourism: no PLOVER context
    "EARLY_CHILDHOOD_EDUCATION": "", "TEACHERS": "", "STUDENTS": "", "SCHOOLS": "", "POSTSECONDARY_EDUCATION": "",
    "EDUCATION_REFORM": "", "LITERACY": "", "TOURISM": "",
    # natural_resource: "fossil fuels (e.g., oil, gas, and coal), agriculture, forests/lumber ..."
    "OIL": "natural_resource", "COAL": "natural_resource", "NATURAL_GAS": "natural_resource",
    "AGRICULTURE": "natural_resource",
    # technology: "high-tech industries ... aerospace, semiconductors, nuclear energy"
    "NUCLEAR_ENERGY": "technology",
    # environment: "environmental solutions ... such as renewable energies"; "climate change"; activism
    "RENEWABLE_ENERGY": "environment", "CLIMATE_CHANGE": "environment",
    "SELF_IDENTIFIED_ENVIRON_DISASTER": "environment", "ENVIRONMENTAL_MOVEMENT": "environment",
    # an organisation or a kind of actor, not a topic
    "SOUTH-TO-SOUTH": "", "EUROPEAN_UNION": "", "CIVIL_SOCIETY": "", "SECURITY_SERVICES": "", "ACTIVISM": "",
    "SOCIAL_MOVEMENT": "", "YOUTH_MOVEMENT": "", "RETALIATION": "", "ID_EXTREMISM": "", "CHECKPOINT": "",
    "NEW_CONSTRUCTION": "", "PUBLIC_TRANSIT": "", "ASSASSINATION": "",
    # economic: "trade, finance, economic development, economic stability, ... inflation, unemployment, GDP"
    "FOREIGN_AID": "economic", "INT_FINANCIAL_INST": "economic", "SANCTIONS": "economic",
    "SUBSIDIES": "economic", "PRIVATIZATION": "economic", "CURRENCY_RESERVES": "economic",
    "EXCHANGE_RATE": "economic", "TRADE_DISPUTE": "economic", "MONOPOLY": "economic", "BLACK_MARKET": "economic",
    "DEREGULATION": "economic", "NATIONALIZE": "economic", "INTEREST_RATES": "economic",
    "HOUSING_PRICES": "economic", "UNEMPLOYMENT": "economic", "AUSTERITY": "economic", "BANKRUPTCY": "economic",
    "BAILOUT": "economic", "LABOR_STRIKE": "economic", "LABOR_UNIONS": "economic",
    "ECONOMIC_MOVEMENT": "economic",
    # human_rights: "war crimes ... coded instead under human_rights" (Crime); general human rights
    "ID_ATROCITY": "human_rights", "HUMAN_RIGHTS": "human_rights",
    # illegal_drugs: "possession, distribution, sale ... drug cartels"
    "DRUG_CARTELS": "illegal_drugs", "DRUG_CARTEL": "illegal_drugs", "DRUGS": "illegal_drugs",
    "DRUG_TRADE": "illegal_drugs",
    # crime: "criminal organizations (e.g., the mafia)", "specific crimes"
    "ORGANIZED_CRIME": "crime", "COMMON_ROBBERY": "crime",
    # human_security: "access to water, food, housing, energy, and land/property tenure"
    "SHORTAGE": "human_security", "ELECTRICITY_OUTAGE": "human_security", "FOOD_SECURITY": "human_security",
    "WATER_SECURITY": "human_security", "SLUMS": "human_security", "PROPERTY_RIGHTS": "human_security",
    "HUMANITARIAN_CRISIS": "human_security",
    # cbrn: "chemical, biological, radiological, or nuclear weapons or attacks ... development"
    "ID_PROLIFERATION": "cbrn", "WMD": "cbrn", "NUCLEAR_WEAPONS": "cbrn", "RADIOLOGICAL_WEAPONS": "cbrn",
    "BIOLOGICAL_WEAPONS": "cbrn", "CHEMICAL_WEAPONS": "cbrn",
    # military: "military operations ... military assistance ... military expenditures" (state forces)
    "ID_ARMS_DEAL": "military", "LANDMINE": "military", "AIRSTRIKE": "military", "DRONE": "military",
    # repression: "use of force by security forces to control individuals or groups ... torture, political
    # imprisonments"
    "VIOLENT_UNREST": "repression", "ID_TORTURE": "repression", "POLITICAL_PRISONER": "repression",
    # terrorism: "terrorist groups, terrorist actions"
    "IED": "terrorism", "TERROR": "terrorism", "ID_JIHAD": "terrorism", "SUICIDE_ATTACK": "terrorism",
    "NAMED_TERROR_GROUP": "terrorism",
    "PEACEKEEPERS": "peacekeeping",
    "ID_DEMOCRACY": "pro_democracy",
    "COUP_DISCUSSION": "pro_autocracy",  # pro_autocracy: "... 3) coups"
    "ID_IMMIGRATION": "migration", "REFUGEES": "migration",
    "ID_SMUGGLING": "trafficking", "HUMAN_TRAFFICKING": "trafficking",
    "NATIONAL_MOVEMENT": "territory",  # territory: "rebellions over territorial autonomy, independence"
    "RELIGIOUS_MOVEMENT": "religion_ethnicity",
    "WOMENS_MOVEMENT": "gender", "GENDER_VIOLENCE": "gender", "RAPE": "gender",
    "LGBT": "lgbt",
    "DISCRIMINATION": "inequality",  # inequality: "societal discrimination ... should also be coded"
    "POVERTY": "inequality",  # inequality: "the uneven distribution of income or wealth"
    "INTERNET_CENSORSHIP": "rights_freedoms", "MEDIA_CENSORSHIP": "rights_freedoms",  # "press/media freedom"
    "ELECTION": "election", "ELECTION_FRAUD": "election",  # election: "charges of electoral fraud"
    "MALWARE": "cyber", "CYBER_SECURITY": "cyber",
    "NATURAL_DISASTER": "disasters",
    "CORRUPTION": "corruption",
    "VACCINATION": "health", "ID_PANDEMIC": "health", "SEXTRANS_DISEASE": "health", "DISEASE": "health",
}  # fmt: skip

# Phrases of the issue file whose issue's context is wrong for them, by the manual's definitions ("" = drop).
PHRASE_CONTEXT = {
    # rights_freedoms: "freedom of speech, ... freedom of religion, civil liberties" (not general human rights)
    "civil right": "rights_freedoms", "free speech": "rights_freedoms", "freedom of speech": "rights_freedoms",
    "religious freedom": "rights_freedoms", "freedom of religion": "rights_freedoms",
    "political freedom": "rights_freedoms", "religious rights": "rights_freedoms",
    "womens rights": "gender",
    # disasters: "a drought without any mention of its human/social implications ... only disaster"
    "drought": "disasters",
    "disaster relief": "disasters",
    # pro_democracy: "provision of verbal or material support to pro-democracy actors"
    "democracy assistance": "pro_democracy", "democracy promotion": "pro_democracy",
    # unrest words that tell violence, not its repression by security forces
    "angry mob": "", "rioter": "", "deadly clashes": "", "violent clashes": "", "violent protests": "",
    "violent unrest": "", "smash car": "", "smashed police": "",
    # too ambiguous out of their article: "the Democratic Republic", "a cartel of producers", "a striking
    # figure", "bacteria in a lab", a word that is a name or a plain noun as often as a disease
    "democratic": "", "cartel": "", "striking": "", "radical": "", "bacteria": "", "bacterial": "",
    "amoeba": "", "calculi": "", "undiagnosed": "", "blue ear": "", "insect bite": "", "insect bites": "",
    "high water": "", "hypothermia": "", "unions": "", "off the job": "", "water level": "",
    "international development": "", "knowledge exchange": "", "real estate": "", "home sales": "",
    "low income": "", "black death": "", "tumor": "", "tumour": "", "cancer": "", "breast cancer": "",
}  # fmt: skip

# Named groups of NAMED_TERROR_GROUP left out: the manual keeps `terrorism` for "actual terrorism ... as opposed
# to instances where a government actor ... labels an opposing actor as a terrorist"; these govern territory,
# sit in parliaments or name something else as often (a film, a political party).
NOT_TERROR_NAMES = frozenset({
    "taliban", "taleban", "taliben", "hamas", "hezbollah", "hizballah", "contras", "farc", "jamaat e islami",
    "jamaat - e - islami", "ansar allah", "ansar allahs", "hizb e islami", "hizb i islami", "hizb - e - islami",
    "hizb - i - islami", "black panther", "black panthers", "kongra gel", "kongra - gel", "naxalites",
    "interahamwe",
})  # fmt: skip

# khabar's own rows for the contexts the issue file has no list for, each following the manual's definition.
OWN_ROWS: dict[str, tuple[str, list[str]]] = {
    "military": (
        '"the military or armed forces, including navy, army, marines, air force ... military '
        'assistance ... military expenditures"; state militaries only',
        [
            "military",
            "army",
            "troop",
            "soldier",
            "navy",
            "naval",
            "air force",
            "armed forces",
            "marine corps",
            "warship",
            "war game",
            "defence ministry",
            "defense ministry",
            "defence minister",
            "defense minister",
            "defence secretary",
            "defense secretary",
            "pentagon",
            "battalion",
            "artillery",
            "fighter jet",
            "missile",
            "warplane",
            "general staff",
            "servicemen",
            "serviceman",
            "paratrooper",
            "infantry",
            "naval blockade",
            "military aid",
            "military exercise",
            "arms sale",
            "arms deal",
            "defence budget",
            "defense budget",
        ],
    ),
    "intelligence": (
        '"covert gathering of information by state intelligence organizations ... espionage, overhead reconnaissance"',
        [
            "intelligence",
            "spy",
            "spying",
            "espionage",
            "intelligence agency",
            "intelligence service",
            "reconnaissance",
            "surveillance",
            "cia",
            "mossad",
            "kgb",
            "fsb",
            "mi6",
            "isi",
        ],
    ),
    "executive": (
        '"the executive branch, the prime minister ... appoint, demote, or remove a representative from their cabinet"',
        [
            "cabinet",
            "reshuffle",
            "presidency",
            "presidential decree",
            "executive order",
            "decree",
            "head of state",
            "head of government",
            "presidential palace",
        ],
    ),
    "legislative": (
        '"legislative (or parliamentary) politics ... legislative debates, legislative lawmaking, '
        'parliamentary coalition formation"',
        [
            "parliament",
            "parliamentary",
            "legislature",
            "legislative",
            "lawmaker",
            "legislator",
            "congress",
            "senate",
            "senator",
            "congressman",
            "congresswoman",
            "mp",
            "national assembly",
            "duma",
            "knesset",
            "bundestag",
            "lower house",
            "upper house",
            "impeachment",
            "impeach",
        ],
    ),
    "election": (
        '"elections and political campaigns ... candidates ... voting in (or polling for) an upcoming election"',
        [
            "ballot",
            "poll",
            "polling",
            "campaign trail",
            "candidate",
            "candidacy",
            "referendum",
            "electoral",
            "plebiscite",
            "runoff",
            "run-off",
        ],
    ),
    "political_institutions": (
        '"changes in the functioning of formal political institutions and parties ... constitutional changes"',
        [
            "constitution",
            "constitutional",
            "political reform",
            "political reforms",
            "political party",
            "political parties",
            "ruling party",
            "opposition party",
            "multi - party",
            "multiparty",
            "regime change",
            "state of emergency",
        ],
    ),
    "pro_democracy": (
        '"processes and initiatives associated with democratization ... free and fair elections"',
        [
            "democratization",
            "democratisation",
            "free and fair",
            "pro - democracy",
            "transition to democracy",
            "democratic transition",
        ],
    ),
    "pro_autocracy": (
        '"autocratization ... dissolve or undermine democratic institutions ... cancellation or '
        'suspension of elections ... coups"',
        [
            "coup",
            "martial law",
            "junta",
            "dictatorship",
            "authoritarian",
            "autocratic",
            "one - party rule",
            "postpone the election",
            "dissolve parliament",
        ],
    ),
    "economic": (
        '"trade, finance, economic development, economic stability, economic crises, inflation, unemployment, GDP"',
        [
            "economy",
            "economic",
            "trade",
            "tariff",
            "inflation",
            "gdp",
            "recession",
            "finance",
            "financial",
            "investment",
            "investor",
            "export",
            "import",
            "budget",
            "debt",
            "loan",
            "tax",
            "currency",
            "central bank",
            "stock market",
            "price",
            "economist",
            "fiscal",
            "monetary",
            "wage",
            "salary",
            "trade agreement",
            "free trade",
            "world trade organization",
            "wto",
            "imf",
            "world bank",
        ],
    ),
    "legal": (
        '"courts and judiciaries; ... national and international laws; ... associated professions (e.g., lawyers)"',
        [
            "court",
            "judge",
            "judiciary",
            "judicial",
            "tribunal",
            "lawsuit",
            "sue",
            "trial",
            "verdict",
            "lawyer",
            "attorney",
            "prosecutor",
            "prosecution",
            "legal",
            "legality",
            "law",
            "illegal",
            "indictment",
            "indict",
            "convict",
            "conviction",
            "sentence",
            "appeal court",
            "supreme court",
            "high court",
            "international criminal court",
            "icc",
            "hearing",
            "acquit",
            "extradition",
            "extradite",
            "geneva convention",
            "international law",
            "treason",
            "plaintiff",
            "testimony",
            "testify",
            "jury",
            "bail",
            "legislation",
            "constitution",
            "constitutional",
            "statute",
        ],
    ),
    "reparations": (
        '"monetary or non-monetary payments to compensate victims ... for past harms ... promised or demanded"',
        [
            "reparation",
            "reparations",
            "compensation for",
            "compensate",
            "restitution",
            "war reparations",
            "return of property",
        ],
    ),
    "human_rights": (
        '"human rights ... human rights organizations and their activities (e.g., Amnesty International)"',
        [
            "human right",
            "human rights",
            "amnesty international",
            "human rights watch",
            "rights group",
            "rights groups",
            "rights activist",
            "rights activists",
            "abuses",
        ],
    ),
    "rights_freedoms": (
        '"freedom of movement, freedom of speech, freedom of assembly, civil liberties, ... freedom of the press"',
        [
            "civil liberties",
            "civil liberty",
            "freedom of assembly",
            "freedom of movement",
            "press freedom",
            "political freedoms",
            "freedom",
            "freedoms",
            "censorship",
            "censor",
            "political rights",
            "right to protest",
            "workers' rights",
            "workers rights",
        ],
    ),
    "repression": (
        '"use of force by security forces to control individuals or groups ... disappearances, '
        "extrajudicial killings, political imprisonments, ... excessive force, forced displacements, "
        'and torture"',
        [
            "crackdown",
            "extrajudicial",
            "disappearance",
            "enforced disappearance",
            "excessive force",
            "police brutality",
            "political prisoner",
            "political prisoners",
            "riot police",
            "tear gas",
            "water cannon",
            "rubber bullet",
            "repression",
            "repress",
            "detainee",
            "detainees",
            "interrogation",
        ],
    ),
    "human_security": (
        '"access to water, food, housing, energy, and land/property tenure"',
        [
            "food aid",
            "starvation",
            "starving",
            "famine",
            "shelter",
            "water supply",
            "drinking water",
            "food supply",
            "food supplies",
            "medical supplies",
            "the needy",
            "land confiscation",
            "land confiscations",
            "housing",
            "power supply",
            "property seized",
            "grain",
            "flour",
        ],
    ),
    "gender": (
        "\"gender, women's issues, gender equality, women's rights, reproductive rights, and women in "
        'politics ... femicide"',
        [
            "women 's rights",
            "woman 's right",
            "women 's right",
            "gender",
            "abortion",
            "femicide",
            "reproductive rights",
            "feminist",
            "gender equality",
            "women 's movement",
            "maternity",
        ],
    ),
    "religion_ethnicity": (
        '"religions, ethnicities, castes, or linguistic groups ... discrimination (or '
        'violence) against [them] ... cooperation among [them]"',
        [
            "ethnic",
            "religious",
            "religion",
            "muslim",
            "moslem",
            "christian",
            "jew",
            "jewish",
            "hindu",
            "sikh",
            "buddhist",
            "sectarian",
            "sect",
            "shiite",
            "shia",
            "sunni",
            "catholic",
            "protestant",
            "church",
            "mosque",
            "temple",
            "synagogue",
            "caste",
            "tribe",
            "tribal",
            "clan",
            "minority",
            "minorities",
            "islamic",
            "islamist",
            "fundamentalist",
            "kurd",
            "kurdish",
            "ethnic cleansing",
            "missionary",
            "cleric",
            "imam",
            "bishop",
            "rohingya",
            "uyghur",
            "uighur",
        ],
    ),
    "inequality": (
        '"the uneven distribution of income or wealth ... unequal access to education, healthcare"',
        [
            "inequality",
            "inequalities",
            "marginalised",
            "marginalized",
            "disparity",
            "underprivileged",
            "discrimination",
            "segregation",
            "apartheid",
            "racial",
        ],
    ),
    "diplomatic": (
        "\"formal diplomatic relations, negotiations ... embassies, consulates, charge d'affaires and "
        'ambassadors ... ministries of foreign affairs"',
        [
            "diplomat",
            "diplomatic",
            "diplomacy",
            "ambassador",
            "embassy",
            "consulate",
            "consul",
            "envoy",
            "foreign minister",
            "foreign ministry",
            "foreign secretary",
            "secretary of state",
            "state department",
            "foreign affairs",
            "summit",
            "talks",
            "negotiation",
            "negotiate",
            "negotiator",
            "mediation",
            "mediator",
            "broker",
            "mediate",
            "peace talks",
            "peace process",
            "bilateral",
            "multilateral",
            "treaty",
            "accord",
            "united nations",
            "u.n.",
            "security council",
            "general assembly",
            "resolution",
            "ultimatum",
            "chargé d'affaires",
            "charge d'affaires",
            "recognition",
            "ties",
            "relations",
            "invitation",
            "visit",
            "allies",
            "alliance",
            "nato",
            "arab league",
            "african union",
            "european union",
        ],
    ),
    "territory": (
        '"territorial autonomy, independence, or secession ... territorial disputes (including border '
        'disputes) ... territorial displacement ... territorial sovereignty"',
        [
            "territory",
            "territorial",
            "sovereignty",
            "independence",
            "secession",
            "secessionist",
            "separatist",
            "autonomy",
            "annex",
            "annexation",
            "border dispute",
            "occupied",
            "occupation",
            "self - determination",
            "disputed",
        ],
    ),
    "peacekeeping": (
        '"monitoring or maintaining of ongoing peace-processes ... UN Peacekeepers (i.e., Blue '
        'Helmets) ... military observers"',
        [
            "blue helmets",
            "military observer",
            "military observers",
            "ceasefire monitor",
            "ceasefire monitors",
            "observer mission",
            "peace enforcement",
            "stabilisation force",
        ],
    ),
    "health": (
        '"public health, disease outbreaks and epidemics, disease in general ... healthcare systems ... the WHO"',
        [
            "health",
            "disease",
            "epidemic",
            "virus",
            "infection",
            "infected",
            "hospital",
            "medical",
            "medicine",
            "doctor",
            "nurse",
            "clinic",
            "vaccine",
            "world health organization",
            "covid",
            "covid-19",
            "coronavirus",
            "ebola",
            "cholera",
            "malaria",
            "aids",
            "quarantine",
            "lockdown",
            "healthcare",
            "health care",
            "patient",
            "patients",
        ],
    ),
    "asylum": (
        '"the granting or pursuit of national or political asylum ... asylum seekers"',
        [
            "asylum",
            "asylum seeker",
            "asylum seekers",
            "asylum - seeker",
            "asylum - seekers",
            "political asylum",
            "defector",
        ],
    ),
    "migration": (
        '"immigration and emigration, forced displacement, internally-displaced persons ... and refugees"',
        [
            "migrant",
            "migration",
            "emigration",
            "emigrant",
            "immigrant",
            "deport",
            "deportation",
            "displaced",
            "displacement",
            "refugee camp",
            "unhcr",
            "illegal alien",
            "illegal aliens",
            "undocumented",
            "exodus",
            "resettlement",
            "repatriation",
            "repatriate",
            "returnee",
            "returnees",
        ],
    ),
    "disasters": (
        '"natural disasters such as droughts, hurricanes, cyclones, earthquakes, flooding, landslides, '
        'and heat waves ... Accidents (e.g., chemical plant explosions) and oil or chemical spills"',
        [
            "disaster",
            "heat wave",
            "heatwave",
            "oil spill",
            "chemical spill",
            "accident",
            "crash",
            "derailment",
            "shipwreck",
            "capsize",
            "floods",
            "quake",
            "aftershock",
        ],
    ),
    "natural_resource": (
        '"natural resource extraction, management, disputes, depletion, consumption, pricing, '
        "and trade ... minerals, rare-earth metals, fossil fuels ... forests/lumber, diamonds, "
        'sand, and water"',
        [
            "natural resource",
            "natural resources",
            "mining",
            "mineral",
            "minerals",
            "rare earth",
            "diamond",
            "diamonds",
            "gold",
            "copper",
            "lithium",
            "uranium",
            "timber",
            "lumber",
            "logging",
            "fishing",
            "fishery",
            "fisheries",
            "pipeline",
            "oilfield",
            "oil field",
            "gas field",
            "water resources",
            "water rights",
            "opec",
            "energy",
        ],
    ),
    "environment": (
        '"pollution, climate change, water stress, deforestation, or soil degradation ... renewable '
        'energies ... environmental activism"',
        [
            "environment",
            "environmental",
            "pollution",
            "pollute",
            "pollutant",
            "emission",
            "emissions",
            "deforestation",
            "carbon",
            "greenhouse",
            "conservation",
            "endangered species",
            "wildlife",
            "biodiversity",
            "toxic waste",
            "sanitation",
            "ecological",
        ],
    ),
    "technology": (
        '"technological development, technological innovation, new technologies, or high-tech industry '
        '... aerospace, semiconductors, nuclear energy, electronics, and quantum computing"',
        [
            "technology",
            "technological",
            "semiconductor",
            "artificial intelligence",
            "space programme",
            "space program",
            "aerospace",
            "electronics",
            "quantum",
            "high - tech",
            "hi - tech",
            "telecommunications",
            "5 g",
            "5g",
            "rocket launch",
        ],
    ),
    "terrorism": (
        '"terrorist groups, terrorist actions, terrorist funding, or terrorist sponsors; as well as '
        'anti-terrorism activities"',
        [
            "terror",
            "terrorist",
            "terrorism",
            "counter - terrorism",
            "counterterrorism",
            "anti - terrorism",
            "al - qaeda",
            "al qaeda",
            "al - qaida",
            "islamic state",
            "isis",
            "isil",
            "daesh",
            "bomb attack",
            "suicide bomber",
            "hijacker",
        ],
    ),
    "cbrn": (
        '"chemical, biological, radiological, or nuclear weapons or attacks ... development of such weapons '
        '... international organizations or treaties designed to oversee or prevent such weapons"',
        [
            "nuclear program",
            "nuclear programme",
            "nuclear test",
            "enrichment",
            "enriched uranium",
            "iaea",
            "opcw",
            "nerve agent",
            "sarin",
            "non - proliferation treaty",
            "warhead",
            "atomic",
        ],
    ),
    "cyber": (
        '"cyber attacks, cyber security, cyber warfare and cyber crime"',
        ["cyber", "cyber attack", "cyber - attack", "ransomware attack", "hacker group"],
    ),
    "misinformation": (
        '"misinformation, disinformation influence operations, or fake news"',
        [
            "misinformation",
            "disinformation",
            "fake news",
            "propaganda",
            "influence operation",
            "influence campaign",
            "troll farm",
            "deepfake",
            "false information",
            "conspiracy theory",
        ],
    ),
    "crime": (
        '"criminal activities ... specific crimes, criminal convictions, or criminals themselves ... criminal '
        'organizations (e.g., the mafia) ... high profile criminal fugitives"',
        [
            "crime",
            "criminal",
            "murder",
            "murderer",
            "theft",
            "steal",
            "fraud",
            "kidnapping",
            "kidnapper",
            "gang",
            "gangster",
            "fugitive",
            "arson",
            "homicide",
            "burglary",
            "looting",
            "looter",
            "robbery",
            "extortion",
            "carjacking",
            "shooting spree",
            "detective",
        ],
    ),
    "corruption": (
        '"misuse/abuse of public office for personal (private) gain, extortion, embezzlement, bribery, '
        'cronyism, nepotism, and insider trading"',
        [
            "cronyism",
            "insider trading",
            "kleptocracy",
            "money laundering",
            "abuse of office",
            "abuse of power",
            "graft",
            "bribe",
            "bribery",
            "embezzle",
        ],
    ),
    "illegal_drugs": (
        '"the criminal possession, distribution, sale, or manufacturing of illegal drugs ... drug cartels"',
        [
            "narcotics",
            "drug lord",
            "drug trafficking",
            "cocaine",
            "heroin",
            "fentanyl",
            "methamphetamine",
            "opium",
            "poppy",
            "cannabis",
            "marijuana",
        ],
    ),
    "trafficking": (
        '"trafficking or smuggling of illicit goods ... drugs, diamonds and gemstones, gasoline, '
        'cigarettes, antiquities, lumber, humans, weapons, or wildlife"',
        [
            "smuggling",
            "smuggler",
            "smuggle",
            "trafficking",
            "trafficker",
            "contraband",
            "poaching",
            "poacher",
            "people smuggling",
            "human trafficking",
            "arms trafficking",
        ],
    ),
}

# Longer phrases in which a keyword of OWN_ROWS does not signal its context, each from the manual's text.
OWN_EXCEPTIONS: dict[str, list[str]] = {
    "intelligence": ["artificial intelligence"],  # "excludes ... artificial intelligence"
    "legal": ["martial law"],  # a measure of autocracy (pro_autocracy), not a discussion of law
    "rights_freedoms": ["freedom fighter", "freedom fighters"],
    "diplomatic": ["visit the site", "visit the scene", "according to"],  # "according" has the lemma accord
}
# A few own rows a word fits better elsewhere: "sought refuge" tells of refugees (migration), "disease
# outbreak" of health (a bare "outbreak" is as often "of fighting").
OWN_ROWS["migration"][1].extend(["refuge", "sought refuge", "seek refuge"])
OWN_ROWS["health"][1].extend(["disease outbreak", "outbreak of disease", "cholera outbreak"])
_TOKENIZER = spacy.blank("en").tokenizer


def tokens(phrase: str) -> str:
    """The phrase as khabar's parser splits it, lowercased and space-joined ("vote-rigging" -> "vote - rigging")."""
    return " ".join(t.lower_ for t in _TOKENIZER(phrase.strip()) if not t.is_space)


def expand(entry: str) -> list[str]:
    """A Phoenix entry's phrases: ``n:``/``v:`` dropped (lemmas match every form), ``+`` as space and hyphen."""
    words = re.sub(r"\b[nvm]:", "", entry).replace("_", " ").split()
    variants = [""]
    for word in words:
        parts = word.split("+")
        joined = [" ".join(parts), "-".join(parts)] if len(parts) > 1 else [word]
        variants = [f"{v} {j}".strip() for v in variants for j in dict.fromkeys(joined)]
    return [tokens(v) for v in variants if v]


def parse_issues(path: Path) -> list[tuple[str, str, str, str]]:
    """(phrase, context, kind, source) rows from the Phoenix issue file, mapped through ISSUE_CONTEXT."""
    rows: list[tuple[str, str, str, str]] = []
    issue = ""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        opening = re.match(r'<ISSUE CATEGORY="([^"]+)"', line)
        if opening:
            issue = opening.group(1)
            continue
        if not line or line.startswith("<") or line.startswith("~~"):
            continue  # closing tags, and article-level vetoes (khabar codes sentences)
        if line.startswith("~"):
            # an exception to the issue's keywords; applies to every code of the issue
            for _code, context in _issue_codes(path, issue):
                for phrase in expand(line[1:]):
                    rows.append((phrase, context, "except", f"{PHOENIX}: {issue} (exception)"))
            continue
        match = re.match(r"^(.*?)\s*\[([A-Z_\-]+)\]", line)
        if not match:
            continue  # a phrase without a code: the file gives it no issue
        entry, code = match.group(1), match.group(2)
        if code not in ISSUE_CONTEXT:
            raise SystemExit(f"issue code {code} has no decision in ISSUE_CONTEXT")
        for phrase in expand(entry):
            context = PHRASE_CONTEXT.get(phrase, ISSUE_CONTEXT[code])
            if not context:
                continue
            if code == "NAMED_TERROR_GROUP" and (phrase in NOT_TERROR_NAMES or len(phrase) <= 3):
                continue
            rows.append((phrase, context, "keyword", f"{PHOENIX}: {code}"))
    return rows


def _issue_codes(path: Path, issue: str) -> list[tuple[str, str]]:
    """The distinct (code, context) pairs of one issue block, for its exceptions."""
    text = path.read_text(encoding="utf-8", errors="replace")
    block = text.split(f'<ISSUE CATEGORY="{issue}"', 1)[1].split("</ISSUE>", 1)[0]
    codes = dict.fromkeys(re.findall(r"\[([A-Z_\-]+)\]", block))
    return [(c, ISSUE_CONTEXT[c]) for c in codes if ISSUE_CONTEXT.get(c)]


def parse_cameo_contexts(path: Path) -> list[tuple[str, str, str]]:
    """(CAMEO code, contexts ";"-joined, source) from CAMEO2PLOVER, with its old context names made today's."""
    old = {"democracy": "pro_democracy", "humanitarian": ""}  # 2021 draft names; PLOVER has no `humanitarian`
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        match = re.match(r"^(\d{2,4}):\s*[A-Z]+\s*,[^,]*,\s*(.*)$", line)
        if not match:
            continue
        names = [old.get(n.strip(), n.strip()) for n in match.group(2).split(";")]
        names = [n for n in names if n]
        for name in names:
            if name not in CONTEXTS:
                raise SystemExit(f"CAMEO2PLOVER context {name!r} is not a PLOVER context")
        if names:
            rows.append((match.group(1), ";".join(names), "CAMEO2PLOVER-2021 (PLOVER manual draft 0.8)"))
    return rows


def main(argv: list[str]) -> None:
    issues = Path(argv[1]) if len(argv) > 1 else SHARED / "dictionaries" / "petrarch2" / "Phoenix.IssueCoding.txt"
    c2p = Path(argv[2]) if len(argv) > 2 else SHARED / "gold" / "plover_gsr" / "CAMEO2PLOVER-2021.txt"
    rows = parse_issues(issues)
    cited = "".join(f"#   {context}: {definition}\n" for context, (definition, _) in OWN_ROWS.items())
    for context, (_definition, phrases) in OWN_ROWS.items():
        for phrase in phrases:
            rows.append((tokens(phrase), context, "keyword", f"{MANUAL}: {context}"))
    for context, phrases in OWN_EXCEPTIONS.items():
        for phrase in phrases:
            rows.append((tokens(phrase), context, "except", f"{MANUAL}: {context} (exception)"))
    for _, context, _, _ in rows:
        if context not in CONTEXTS:
            raise SystemExit(f"{context!r} is not a PLOVER context")
    unique = sorted(dict.fromkeys((p, c, k) for p, c, k, _ in rows if p))
    source_of = {}
    for phrase, context, kind, source in rows:
        source_of.setdefault((phrase, context, kind), source)
    header = (
        "# khabar PLOVER context keywords: a phrase (lowercased tokens; each matches a sentence token's text or\n"
        "# lemma) and the PLOVER context it signals; kind `except` marks a longer phrase in which the context's\n"
        "# keywords do not count. Built by tools/build_context_keywords.py from the phrases of Phoenix.IssueCoding\n"
        "# (openeventdata/phoenix_pipeline, MIT), each issue mapped to a context of the PLOVER manual (draft 0.8,\n"
        "# 2021, chapter Contexts), and khabar's own rows (source `PLOVER manual`), which follow these definitions:\n"
        + cited
        + "phrase\tcontext\tkind\tsource\n"
    )
    body = "".join(f"{p}\t{c}\t{k}\t{source_of[(p, c, k)]}\n" for p, c, k in unique)
    (OUT / "context_keywords.tsv").write_text(header + body, encoding="utf-8")
    cameo = parse_cameo_contexts(c2p)
    header = (
        "# khabar CAMEO code -> PLOVER context(s), from the PLOVER team's CAMEO2PLOVER table (2021), built by\n"
        "# tools/build_context_keywords.py. Old names made today's: democracy -> pro_democracy; humanitarian (no\n"
        "# PLOVER context) dropped. A code not listed takes its nearest listed ancestor.\n"
        "cameo\tcontexts\tsource\n"
    )
    (OUT / "cameo_contexts.tsv").write_text(header + "".join("\t".join(r) + "\n" for r in cameo), encoding="utf-8")
    print(f"context_keywords.tsv: {len(unique)} rows; cameo_contexts.tsv: {len(cameo)} rows", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
