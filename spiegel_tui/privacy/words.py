"""Small Dutch word lists the check reasons with (kept here, not in deduce's lists)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that start a sentence or name an institution in these meetings and happen to
# be in the name or place lists ("Kind", "Raad", "Thuis", "Best", "Echt", "Dan").
NEVER_NAMES = _words(
    """
    aan achter af al alle alleen alles als altijd ander andere anders bij binnen boven
    buiten daar daarna daarom dag dan dat de deze die dit doe doen door dus echt een
    eens eerst eerder elk elke en enkele er ergens even geen goed graag haar had heb
    hebben heel het hier hij hoe hoewel hun iedereen iemand ik in ja je jij juist kan
    kon komt kort laat lang later liever maar meer mee men met mijn misschien moet
    na naar natuurlijk nee niemand niet niets nog nooit nu of ok oké om omdat ook op
    over pas samen sinds soms steeds te tegen toch toen tot uit van veel verder via
    voor vooral waar want was wat we wel welk welke werd wie wij wil zij ze zelf zo
    zoals zonder zou zulke kind kinderen ouder ouders jongere jongeren
    pleegouder pleegouders deelnemer deelnemers raad thuis veilig jeugd jeugdzorg
    jeugdbescherming jeugdbeschermer jeugdbeschermers gezin gezinnen school rechter
    kinderrechter rechtbank politie gemeente wijkteam team teams dossier rapport
    moeder vader mama papa oma opa zoon dochter broer zus meneer mevrouw juf
    afspraken communicatie duidelijkheid back-up alles kort vaak zeker eerlijk
    helaas toen daarna daarom ondanks bovendien tijdens volgens zowel eigenlijk
    professional professionals hulpverlener hulpverleners ervaring ervaringen
    samenkracht spiegelbijeenkomst bijeenkomst kernpunt kernpunten whatsapp teams
    januari februari maart april mei juni juli augustus september oktober november
    december maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    god here pasen kerst kerstmis sinterklaas
    """
)

# Common words that are also a place or a name ("Best", "Echt", "Zand", "Mooi"):
# not taken at the start of a sentence, but "in Best" still is a place.
COMMON_EXTRA = _words(
    """
    best echt zand mooi raar vrij rijk kort lang groot klein snel stil vast warm koud
    leeuwen pol wel
    """
)

# A capitalised word right after one of these is a name, listed or not.
NAME_CUES = _words(
    """
    mevrouw mevr mw mw. meneer mnr dhr dhr. heer juf juffrouw meester dr drs mr ir ing
    zoon zoontje dochter dochtertje pleegzoon pleegdochter pleegkind stiefzoon
    stiefdochter broer broertje zus zusje zuster kleinzoon kleindochter
    moeder vader stiefmoeder stiefvader pleegmoeder pleegvader oma opa tante oom neef
    nicht ex ex-man ex-vrouw ex-partner partner man vrouw vriend vriendje vriendin
    buurvrouw buurman collega baby
    jeugdbeschermer gezinsvoogd voogd jeugdzorgwerker hulpverlener begeleider
    begeleidster mentor raadsonderzoeker onderzoeker casemanager regisseur gezinscoach
    coach consulent medewerker medewerkster werker rechter kinderrechter advocaat
    advocate huisarts dokter psycholoog psychologe therapeut therapeute leerkracht
    docent directeur directrice wijkagent agent gedragswetenschapper
    heet heette noemde genaamd
    """
)

# Kinship words after which a name is a child's: "mijn zoon Daan" -> "een kind".
CHILD_WORDS = _words(
    """
    zoon zoontje dochter dochtertje pleegzoon pleegdochter pleegkind stiefzoon
    stiefdochter kind kindje broertje zusje kleinzoon kleindochter baby
    """
)
POSSESSIVES = _words("mijn haar zijn onze ons hun de het jouw uw")

# Before a place: "in Hilversum", "uit Den Haag", "de regio Gooi en Vechtstreek".
PLACE_PREPOSITIONS = _words(
    """
    in uit naar te bij rond richting omgeving regio gemeente buurt vanuit nabij
    verhuisd woont woonde wonen woonden
    """
)

# Names in daily use that the official lists spell otherwise ("'s-Hertogenbosch").
EXTRA_PLACES = ("Den Bosch", "'t Gooi", "het Gooi", "Gooi", "Gooi en Vechtstreek")

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    "|december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"

NUMBER_WORDS = (
    "een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien"
    "|vijftien|zestien|zeventien|achttien|negentien|twintig|eenentwintig|tweeëntwintig"
    "|drieëntwintig|vierentwintig|vijfentwintig"
)
