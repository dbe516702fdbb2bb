"""Gazetteer tables for tui.core.extract.actors: countries, demonyms, metonyms, organisations, titles.

Country names come from pycountry; everything else is hand-written here.  Every side is an
English canonical name ("Russia", "United States", "European Union").
"""

from __future__ import annotations

import pycountry

# pycountry alpha-2 code -> canonical side name where pycountry's own name is not the usual one.
CANONICAL_BY_CODE = {
    "RU": "Russia", "TR": "Turkey", "CZ": "Czech Republic", "PS": "Palestine", "CD": "DR Congo",
    "CG": "Republic of the Congo", "FM": "Micronesia", "BN": "Brunei", "CV": "Cape Verde", "CI": "Ivory Coast",
    "VA": "Vatican", "US": "United States", "GB": "United Kingdom", "SY": "Syria", "LA": "Laos",
    "KR": "South Korea", "KP": "North Korea", "IR": "Iran", "VN": "Vietnam", "TW": "Taiwan",
    "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "MM": "Myanmar",
}

# Extra surface forms of countries (beyond pycountry's names).
COUNTRY_ALIASES = {
    "United States": ["US", "U.S.", "U.S", "USA", "U.S.A.", "America", "United States of America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "Russia": ["Russia", "Russian Federation"],
    "Turkey": ["Turkey", "Türkiye", "Turkiye"],
    "Czech Republic": ["Czech Republic", "Czechia"],
    "Palestine": ["Palestine", "State of Palestine", "Palestinian territories", "Palestinian Territories"],
    "DR Congo": ["DR Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo"],
    "Republic of the Congo": ["Republic of Congo", "Congo-Brazzaville"],
    "Ivory Coast": ["Ivory Coast", "Côte d'Ivoire", "Côte d’Ivoire", "Cote d'Ivoire"],
    "Myanmar": ["Burma"], "Netherlands": ["Holland", "the Netherlands"], "Eswatini": ["Swaziland"],
    "Vatican": ["Vatican City", "Holy See"], "Kosovo": ["Kosovo"], "Cape Verde": ["Cabo Verde"],
    "North Macedonia": ["Macedonia"], "United Arab Emirates": ["UAE", "U.A.E.", "Emirates"],
    "Saudi Arabia": ["KSA"], "East Timor": ["East Timor", "Timor-Leste"], "Vietnam": ["Viet Nam"],
    "South Korea": ["Republic of Korea", "ROK"], "North Korea": ["DPRK"], "China": ["PRC", "Mainland China"],
    "Taiwan": ["Republic of China"], "Micronesia": ["Micronesia"], "Laos": ["Lao PDR"],
}

# Surfaces that must not be read as an actor although they contain one ("Latin America").
BLOCKED = [
    "Latin America", "South America", "North America", "Central America", "Americas", "American Samoa",
    "New England", "New Mexico", "New South Wales", "Korean Peninsula", "Georgia State", "Jordan River",
    "Paris Agreement", "Washington State", "Bank of America", "Voice of America", "Captain America", "Turkey Point", "British Columbia", "British Virgin Islands",
]

# canonical side -> demonyms/adjectives (plural forms listed where they are not adjective + "s").
DEMONYMS = {
    "Afghanistan": "Afghan", "Albania": "Albanian", "Algeria": "Algerian", "Angola": "Angolan",
    "Argentina": "Argentine|Argentinian|Argentines", "Armenia": "Armenian", "Australia": "Australian",
    "Austria": "Austrian", "Azerbaijan": "Azerbaijani|Azeri", "Bahrain": "Bahraini", "Bangladesh": "Bangladeshi",
    "Belarus": "Belarusian|Belarussian", "Belgium": "Belgian", "Bolivia": "Bolivian", "Bosnia and Herzegovina":
    "Bosnian", "Brazil": "Brazilian", "Bulgaria": "Bulgarian", "Cambodia": "Cambodian", "Cameroon": "Cameroonian",
    "Canada": "Canadian", "Chile": "Chilean", "China": "Chinese", "Colombia": "Colombian", "Croatia": "Croatian|Croat",
    "Cuba": "Cuban", "Cyprus": "Cypriot", "Czech Republic": "Czech", "Denmark": "Danish|Dane|Danes",
    "DR Congo": "Congolese", "Ecuador": "Ecuadorian", "Egypt": "Egyptian", "Estonia": "Estonian",
    "Ethiopia": "Ethiopian", "Finland": "Finnish|Finn|Finns", "France": "French|Frenchman|Frenchwoman",
    "Georgia": "Georgian", "Germany": "German", "Ghana": "Ghanaian", "Greece": "Greek", "Hungary": "Hungarian",
    "India": "Indian", "Indonesia": "Indonesian", "Iran": "Iranian", "Iraq": "Iraqi", "Ireland": "Irish",
    "Israel": "Israeli", "Italy": "Italian", "Ivory Coast": "Ivorian", "Japan": "Japanese", "Jordan": "Jordanian",
    "Kazakhstan": "Kazakh|Kazakhstani", "Kenya": "Kenyan", "Kosovo": "Kosovar", "Kuwait": "Kuwaiti",
    "Kyrgyzstan": "Kyrgyz", "Latvia": "Latvian", "Lebanon": "Lebanese", "Libya": "Libyan", "Lithuania": "Lithuanian",
    "Malaysia": "Malaysian", "Mali": "Malian", "Mexico": "Mexican", "Moldova": "Moldovan", "Mongolia": "Mongolian",
    "Montenegro": "Montenegrin", "Morocco": "Moroccan", "Myanmar": "Burmese|Myanmar's", "Nepal": "Nepali|Nepalese",
    "Netherlands": "Dutch|Dutchman", "New Zealand": "New Zealander", "Niger": "Nigerien", "Nigeria": "Nigerian",
    "North Korea": "North Korean", "North Macedonia": "Macedonian", "Norway": "Norwegian", "Oman": "Omani",
    "Pakistan": "Pakistani", "Palestine": "Palestinian", "Panama": "Panamanian", "Paraguay": "Paraguayan",
    "Peru": "Peruvian", "Philippines": "Philippine|Filipino|Filipina", "Poland": "Polish|Pole|Poles",
    "Portugal": "Portuguese", "Qatar": "Qatari", "Romania": "Romanian", "Russia": "Russian", "Rwanda": "Rwandan",
    "Saudi Arabia": "Saudi", "Senegal": "Senegalese", "Serbia": "Serbian|Serb", "Singapore": "Singaporean",
    "Slovakia": "Slovak|Slovakian", "Slovenia": "Slovenian|Slovene", "Somalia": "Somali", "South Africa":
    "South African", "South Korea": "South Korean", "South Sudan": "South Sudanese", "Spain": "Spanish|Spaniard",
    "Sri Lanka": "Sri Lankan", "Sudan": "Sudanese", "Sweden": "Swedish|Swede|Swedes", "Switzerland": "Swiss",
    "Syria": "Syrian", "Taiwan": "Taiwanese", "Tajikistan": "Tajik", "Tanzania": "Tanzanian", "Thailand": "Thai",
    "Tunisia": "Tunisian", "Turkey": "Turkish|Turk|Turks", "Turkmenistan": "Turkmen", "Uganda": "Ugandan",
    "Ukraine": "Ukrainian", "United Arab Emirates": "Emirati", "United Kingdom": "British|Briton|Britons|English|"
    "Scottish|Welsh", "United States": "American|U.S.-based", "Uruguay": "Uruguayan", "Uzbekistan": "Uzbek",
    "Venezuela": "Venezuelan", "Vietnam": "Vietnamese", "Yemen": "Yemeni", "Zambia": "Zambian",
    "Zimbabwe": "Zimbabwean", "Iceland": "Icelandic|Icelander", "Luxembourg": "Luxembourgish",
    "Eritrea": "Eritrean", "Chad": "Chadian", "Haiti": "Haitian", "Guatemala": "Guatemalan",
    "Honduras": "Honduran", "Nicaragua": "Nicaraguan", "El Salvador": "Salvadoran", "Costa Rica": "Costa Rican",
    "Dominican Republic": "Dominican", "Jamaica": "Jamaican", "Burkina Faso": "Burkinabe", "Mozambique":
    "Mozambican", "Namibia": "Namibian", "Botswana": "Botswanan", "Madagascar": "Malagasy", "Laos": "Laotian|Lao",
    "Bhutan": "Bhutanese", "Maldives": "Maldivian", "Malta": "Maltese",
}

# Capitals and seats of power -> side.  Only names that rarely mean anything else.
METONYMS = {
    "Russia": "Kremlin|Moscow|State Duma|Duma|Lubyanka",
    "Ukraine": "Kyiv|Kiev|Verkhovna Rada|Bankova",
    "United States": "Washington|White House|Pentagon|State Department|Capitol Hill|Foggy Bottom|Oval Office",
    "United Kingdom": "London|Downing Street|Whitehall|Westminster|No. 10|Number 10",
    "European Union": "Brussels|Berlaymont",
    "France": "Paris|Élysée|Elysee|Élysée Palace|Elysee Palace|Quai d'Orsay|Matignon",
    "Germany": "Berlin|Bundestag|Chancellery", "Turkey": "Ankara", "China": "Beijing|Zhongnanhai",
    "Iran": "Tehran|Teheran", "Israel": "Jerusalem|Tel Aviv|Knesset", "India": "New Delhi", "Japan": "Tokyo",
    "South Korea": "Seoul|Blue House", "North Korea": "Pyongyang", "Syria": "Damascus", "Iraq": "Baghdad",
    "Lebanon": "Beirut", "Egypt": "Cairo", "Saudi Arabia": "Riyadh", "Qatar": "Doha", "Jordan": "Amman",
    "United Arab Emirates": "Abu Dhabi", "Pakistan": "Islamabad", "Afghanistan": "Kabul", "Belarus": "Minsk",
    "Poland": "Warsaw", "Hungary": "Budapest", "Italy": "Rome|Palazzo Chigi", "Spain": "Madrid|Moncloa",
    "Canada": "Ottawa", "Mexico": "Mexico City", "Brazil": "Brasilia|Brasília|Planalto", "Argentina": "Buenos Aires",
    "Venezuela": "Caracas|Miraflores", "Cuba": "Havana", "Taiwan": "Taipei", "Vietnam": "Hanoi", "Thailand": "Bangkok",
    "Philippines": "Manila", "Indonesia": "Jakarta", "Australia": "Canberra", "Armenia": "Yerevan",
    "Azerbaijan": "Baku", "Georgia": "Tbilisi", "Moldova": "Chisinau|Chișinău", "Romania": "Bucharest",
    "Serbia": "Belgrade", "Sweden": "Stockholm", "Finland": "Helsinki", "Norway": "Oslo", "Denmark": "Copenhagen",
    "Netherlands": "The Hague", "Austria": "Vienna", "Czech Republic": "Prague", "Greece": "Athens",
    "Lithuania": "Vilnius", "Latvia": "Riga", "Estonia": "Tallinn", "Kazakhstan": "Astana", "Nigeria": "Abuja",
    "Kenya": "Nairobi", "Ethiopia": "Addis Ababa", "South Africa": "Pretoria", "Sudan": "Khartoum",
    "Libya": "Tripoli", "Algeria": "Algiers", "Morocco": "Rabat", "Yemen": "Sanaa|Sana'a",
    "Slovakia": "Bratislava", "Bulgaria": "Sofia", "Croatia": "Zagreb", "Ireland": "Dublin", "Portugal": "Lisbon",
    "Switzerland": "Bern",
}

# Organisations: canonical side -> surface forms.
ORGANISATIONS = {
    "European Union": "EU|E.U.|European Union|European Commission|European Council|European Parliament|"
    "Council of the European Union|EU Commission",
    "NATO": "NATO|Nato|North Atlantic Treaty Organization|North Atlantic Treaty Organisation|North Atlantic Alliance",
    "United Nations": "UN|U.N.|United Nations|Security Council|UN Security Council|U.N. Security Council|"
    "General Assembly|UN General Assembly|UNHCR|UNICEF|UNRWA|OCHA|UNESCO|UN Human Rights Council|UNSC",
    "World Health Organization": "WHO|World Health Organization|World Health Organisation",
    "International Monetary Fund": "IMF|International Monetary Fund", "World Bank": "World Bank",
    "World Trade Organization": "WTO|World Trade Organization", "OPEC": "OPEC|OPEC+|Opec|Opec+",
    "African Union": "African Union|AU", "ASEAN": "ASEAN|Asean|Association of Southeast Asian Nations",
    "G7": "G7|G-7|Group of Seven", "G20": "G20|G-20|Group of 20|Group of Twenty", "BRICS": "BRICS|Brics",
    "Arab League": "Arab League|League of Arab States", "OSCE": "OSCE|Organization for Security and Co-operation in"
    " Europe|Organization for Security and Cooperation in Europe", "Council of Europe": "Council of Europe",
    "European Central Bank": "European Central Bank|ECB", "IAEA": "IAEA|International Atomic Energy Agency",
    "International Criminal Court": "International Criminal Court|ICC", "International Court of Justice":
    "International Court of Justice|ICJ", "Red Cross": "Red Cross|ICRC|Red Crescent", "Hamas": "Hamas",
    "Hezbollah": "Hezbollah|Hizbollah|Hizbullah", "Houthis": "Houthis|Houthi|Ansar Allah", "Taliban": "Taliban",
    "Islamic State": "Islamic State|ISIS|ISIL|Daesh", "al-Qaeda": "al-Qaeda|al Qaeda|Al-Qaeda|Al Qaeda",
    "Wagner Group": "Wagner Group|Wagner", "Islamic Jihad": "Islamic Jihad", "Amnesty International":
    "Amnesty International|Amnesty", "Human Rights Watch": "Human Rights Watch|HRW", "Interpol": "Interpol",
    "Shanghai Cooperation Organisation": "Shanghai Cooperation Organisation|Shanghai Cooperation Organization|SCO",
    "Gulf Cooperation Council": "Gulf Cooperation Council|GCC", "Commonwealth": "Commonwealth of Nations",
    "ECOWAS": "ECOWAS|Ecowas", "Mercosur": "Mercosur", "Federal Reserve": "Federal Reserve|Fed",
    "Reuters": "Reuters", "Associated Press": "Associated Press|AP", "AFP": "AFP|Agence France-Presse",
    "Bloomberg": "Bloomberg", "TASS": "TASS|Tass", "RIA Novosti": "RIA Novosti|RIA", "Interfax": "Interfax",
    "BBC": "BBC", "CNN": "CNN", "The New York Times": "New York Times|NYT", "The Washington Post": "Washington Post",
    "The Wall Street Journal": "Wall Street Journal|WSJ", "Financial Times": "Financial Times",
    "The Guardian": "The Guardian", "Al Jazeera": "Al Jazeera", "Xinhua": "Xinhua", "Ukrinform": "Ukrinform",
    "The Moscow Times": "Moscow Times", "Kyiv Independent": "Kyiv Independent", "Kyiv Post": "Kyiv Post",
    "Times of Israel": "Times of Israel", "Jerusalem Post": "Jerusalem Post", "Tehran Times": "Tehran Times",
}

# Domestic bodies: take the side of a demonym/country/metonym just before them ("Russian Defence Ministry").
DOMESTIC_BODY = (
    r"(?:(?:Foreign|Defen[cs]e|Interior|Finance|Economy|Justice|Health|Energy|Emergencies|Education|Trade|"
    r"Agriculture|Culture)\s+Ministry|Ministry\s+of\s+(?:Foreign\s+Affairs|Defen[cs]e|Internal\s+Affairs|the\s+Interior|"
    r"Finance|Economy|Justice|Health|Energy|Emergency\s+Situations|Emergencies)|Foreign\s+Office|General\s+Staff|"
    r"Armed\s+Forces|Army|Navy|Air\s+Force|[Mm]ilitary|[Gg]overnment|[Pp]arliament|Central\s+Bank|[Cc]entral\s+bank|"
    r"Security\s+Service|[Ee]mbassy|[Dd]elegation|[Aa]uthorities|[Pp]residency|[Cc]abinet|Supreme\s+Court|"
    r"Constitutional\s+Court|[Pp]olice|National\s+Guard|Coast\s+Guard|Border\s+Guard|Presidential\s+Office|"
    r"President's\s+Office|Presidential\s+Administration|[Ss]pecial\s+[Ff]orces|[Ii]ntelligence|[Tt]roops|[Ff]orces|"
    r"[Oo]fficials?|[Ss]ide)"
)

# Words that introduce or make up a role before a name ("Foreign Minister", "press secretary").
TITLE_WORDS = frozenset(
    """president president-elect premier minister chancellor secretary spokesman spokeswoman spokesperson
    spokespeople aide adviser advisor envoy ambassador counterpart king queen prince princess emperor pope sheikh
    emir ayatollah sultan senator sen. rep. representative congressman congresswoman congressmember gov. governor
    mayor general gen. lt. col. colonel maj. major capt. captain commander admiral adm. sgt. sergeant marshal
    brigadier chief head leader director chairman chairwoman chair chairperson ceo cfo coo founder executive
    officer official speaker deputy mp lawmaker legislator judge justice prosecutor attorney commissioner
    negotiator diplomat representative president's dr. dr mr. mrs. ms. mr mrs ms prof. professor rev. reverend
    patriarch metropolitan archbishop bishop cardinal imam rabbi analyst economist expert researcher scientist
    strategist journalist correspondent reporter editor columnist author lawyer activist dissident opposition
    candidate nominee challenger incumbent ombudsman ombudswoman monarch regent emir crown tsar czar mufti
    councillor councilor alderman delegate ceo. chancellor's leader's manager coach player striker owner partner
    investor banker trader billionaire businessman businesswoman entrepreneur governor-general viceroy consul
    consul-general attaché attache commissioner-general secretary-general director-general administrator
    superintendent inspector detective constable sheriff warden commandant marshal field-marshal""".split()
)

# Words that may stand inside a role phrase without being a title themselves.
ROLE_FILLERS = frozenset(
    """foreign defense defence interior finance economy economic trade energy health justice home state deputy vice
    prime first former acting senior top chief press presidential ministry ministerial foreign-policy national
    security military armed forces army navy air force party government parliamentary parliament opposition
    ruling central bank office department agency delegation delegation's team campaign staff general executive
    managing assistant associate joint regional local federal lead special personal exiled interim outgoing incoming
    longtime long-time veteran then current new the a an of for on to and his her its their our your kremlin
    white house cabinet security-service intelligence emergency emergencies affairs internal external
    international communications media public relations policy political committee council commission union
    service ministry's agency's company company's group group's firm firm's bank's central-bank""".split()
)

# Verbs and phrases that attribute speech (cue words).
SPEECH_VERBS = (
    "said|says|say|saying|told|tells|stressed|stresses|added|adds|wrote|writes|announced|announces|insisted|insists|"
    "warned|warns|noted|notes|emphasized|emphasised|emphasizes|emphasises|asked|asks|replied|replies|declared|"
    "declares|posted|posts|tweeted|tweets|argued|argues|stated|states|explained|explains|claimed|claims|confirmed|"
    "confirms|acknowledged|acknowledges|admitted|admits|denied|denies|responded|responds|continued|recalled|"
    "observed|remarked|commented|suggested|suggests|urged|urges|vowed|vows|pledged|promised|predicted|countered|"
    "conceded|cautioned|reiterated|reiterates|underlined|underscored|highlighted|asserted|asserts|maintained|"
    "maintains|contended|complained|lamented|shared|echoed|indicated|indicates|reported|reports|concluded|"
    "elaborated|joked|quipped|shouted|exclaimed|boasted|mused|recounted|testified|wondered|announced|accused|"
    "accuses|called|calls|demanded|demands|proposed|proposes"
)

# Sentence-initial capitalised words that are never names even if they never occur in lowercase.
NOT_NAME_WORDS = frozenset(
    """the a an this that these those it its he she they we i you his her their our my your there here then
    when while after before despite although though however but and or so yet if as at by for from in into of on
    onto over under with without within about above across against along among around behind below beneath
    beside between beyond during except inside near off since through throughout toward towards until upon via
    what which who whom whose why how where both each every either neither some many much more most few several
    all any no none other another such only just even also still already now today tonight yesterday tomorrow
    meanwhile separately additionally moreover furthermore nevertheless nonetheless instead otherwise thus
    therefore hence indeed perhaps maybe right left first second third last next later earlier again once
    officials analysts experts critics witnesses residents police sources authorities observers diplomats
    lawmakers investigators prosecutors doctors scientists researchers protesters activists others people
    soldiers troops leaders ministers members citizens voters journalists reporters according asked speaking
    read related original updated created image photo video watch listen see also click subscribe follow share
    breaking live exclusive analysis opinion editorial comment news report reports update updates sunday monday
    tuesday wednesday thursday friday saturday january february march april may june july august september
    october november december mr mrs ms dr president minister prime foreign defense defence secretary general
    spokesman spokeswoman spokesperson chief head""".split()
)

# Words ending a capitalised sequence that make it a place or an organisation, not a person.
NON_PERSON_LAST_WORDS = frozenset(
    """ministry council agency office service department committee commission bank party army forces times news
    post group inc corp company union university institute court parliament assembly government street square
    region oblast city island islands river sea ocean mountains province county state airport station bridge
    plant palace hall center centre stadium war ii iii summit talks conference agreement treaty accord deal
    initiative fund foundation organization organisation association federation republic kingdom desk press
    network channel journal daily herald gazette tribune review magazine television radio airlines airways
    motors holdings technologies systems corporation ltd llc plc ag sa gmbh media day week month year
    declaration act law bill program programme plan strategy doctrine memorandum district village town peninsula
    gulf bay strait canal valley desert mount lake coast front line brigade battalion regiment division corps fleet
    command""".split()
)

def build_country_surfaces() -> dict[str, str]:
    """Every surface form of a country -> canonical side."""
    surfaces: dict[str, str] = {}
    for country in pycountry.countries:
        canonical = CANONICAL_BY_CODE.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name and "," not in name:
                surfaces[name] = canonical
                if name.startswith("the "):
                    surfaces[name[4:]] = canonical
        surfaces[canonical] = canonical
    for canonical, aliases in COUNTRY_ALIASES.items():
        for alias in aliases:
            surfaces[alias] = canonical
    return surfaces

# News outlets: recognised as organisations but never taken as the speaker of what they report.
MEDIA_OUTLETS = frozenset(
    """Reuters|Associated Press|AFP|Bloomberg|TASS|RIA Novosti|Interfax|BBC|CNN|The New York Times|
    The Washington Post|The Wall Street Journal|Financial Times|The Guardian|Al Jazeera|Xinhua|Ukrinform|
    The Moscow Times|Kyiv Independent|Kyiv Post|Times of Israel|Jerusalem Post|Tehran Times""".replace("\n    ", "").split("|")
)


def _verb_forms(entry: str) -> list[str]:
    """'say:said' -> say, says, saying, said; 'argue' -> argue, argues, arguing, argued (regular English endings)."""
    base, _, past = entry.partition(":")
    if base.endswith("ee"):
        ing, regular_past = base + "ing", base + "d"
    elif base.endswith("e"):
        ing, regular_past = base[:-1] + "ing", base + "d"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        ing, regular_past = base + "ing", base[:-1] + "ied"
    elif base in DOUBLED_FINAL:
        ing, regular_past = base + base[-1] + "ing", base + base[-1] + "ed"
    else:
        ing, regular_past = base + "ing", base + "ed"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        third = base + "es"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    return [base, third, ing] + (past.split("/") if past else [regular_past])


DOUBLED_FINAL = frozenset({"quip", "chat", "admit", "commit", "plan", "stop", "slam", "jab", "rebut", "snap", "refer"})

# Reporting verbs: what attributes a quotation or reported speech to a speaker (a generic English word list; every
# inflection is generated). "call", "describe", "dismiss" take the quote as their object ("called it “…”").
REPORTING_VERB_BASES = (
    "say:said tell:told write:wrote/written speak:spoke think:thought read:read add ask answer reply respond retort "
    "state declare announce explain note observe remark comment mention insist stress emphasize emphasise "
    "underline underscore highlight argue contend maintain assert claim allege suggest propose urge demand "
    "warn caution threaten predict promise pledge vow swear:swore concede admit acknowledge confirm deny "
    "dismiss reject counter rebut complain lament protest charge accuse blame criticize criticise condemn "
    "denounce decry slam blast attack mock ridicule praise hail thank welcome applaud laud tout boast brag "
    "joke quip muse wonder recall recount describe characterize characterise call label dub brand term "
    "refer tweet post email text message publish report conclude continue elaborate interject exclaim shout "
    "yell scream chant whisper mutter sigh laugh plead beg implore reiterate repeat echo concur agree "
    "disagree object question challenge scoff sneer snap fire:fired shoot:shot testify reveal disclose "
    "inform advise recommend assure reassure indicate signal express voice reason speculate fret worry "
    "estimate forecast add predict cite quote portray proclaim insinuate gush rave marvel").split()
REPORTING_VERBS = sorted({form for entry in REPORTING_VERB_BASES for form in _verb_forms(entry)})
REPORTING_VERB_SET = frozenset(REPORTING_VERBS)
REPORTING_VERB_BASE_FORMS = frozenset(entry.partition(":")[0] for entry in REPORTING_VERB_BASES)
# Verbs whose object is the quoted fragment: "called it “…”", "described the talks as “…”".
NAMING_VERBS = frozenset(form for entry in "call describe dismiss label dub brand term characterize characterise "
                         "refer hail denounce condemn decry".split() for form in _verb_forms(entry))
