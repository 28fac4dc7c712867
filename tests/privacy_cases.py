"""The re-identification test set: Dutch sentences in the style of mirror meetings.

Each case is a sentence with the findings a careful reader would want flagged, as
``(kind, text)``: ``text`` is the part of the sentence that must be covered. Half
the cases identify someone (invented details), half do not; the eight key points of
the real outcome document in ``/work/shared/seeds/002_*.txt`` are among the latter.
"""

from __future__ import annotations

from spiegel_tui.privacy import Vocabulary

VOCABULARY = Vocabulary.of(
    protected=[
        "Veilig Thuis",
        "Raad voor de Kinderbescherming",
        "de Raad",
        "RvdK",
        "Jeugd- & Gezinsbeschermers",
        "JGB",
        "SAVE",
        "William Schrikker Stichting",
        "Leger des Heils",
        "Ouder 1",
        "Ouder 2",
        "Ouder 3",
        "Jongere 1",
        "Jongere 2",
        "Pleegouder 1",
    ],
    labels={"Marieke": "Ouder 1", "vader met rode jas": "Ouder 2", "Samira": "Jongere 1"},
)

Case = tuple[str, list[tuple[str, str]]]

IDENTIFYING: list[Case] = [
    (
        "Mijn zoon Daan van 8 werd in Hilversum op 3 maart uit school gehaald.",
        [("name", "Daan"), ("age", "8"), ("place", "Hilversum"), ("date", "3 maart")],
    ),
    (
        "Jeugdbeschermer Natasja belde nooit terug op 06-12345678.",
        [("name", "Natasja"), ("phone", "06-12345678")],
    ),
    (
        "Mevrouw De Vries van Veilig Thuis heeft ons gezin nooit echt gesproken.",
        [("name", "De Vries")],
    ),
    ("Marieke vertelde dat de Raad haar wel serieus nam.", [("local_label", "Marieke")]),
    (
        "Ik heb drie keer gemaild naar s.jansen@jeugdbescherming.nl en nooit antwoord gekregen.",
        [("email", "s.jansen@jeugdbescherming.nl")],
    ),
    (
        "In het dossier met nummer 2021-48213 staan dingen die gewoon niet kloppen.",
        [("case_number", "2021-48213")],
    ),
    (
        "Op 14 oktober 2020 werd mijn dochter Lisa uit huis geplaatst.",
        [("date", "14 oktober 2020"), ("name", "Lisa")],
    ),
    (
        "Onze jongste is 6 en begrijpt niet waarom hij niet naar huis mag.",
        [("age", "6")],
    ),
    (
        "Het rapport noemde ons adres, Kerkstraat 12 in Huizen, gewoon in de eerste zin.",
        [("address", "Kerkstraat 12"), ("place", "Huizen")],
    ),
    (
        "Mijn BSN 111222333 stond zomaar in een mail aan de school.",
        [("bsn", "111222333")],
    ),
    (
        "De pleegouders in Bussum, bij wie Sem nu woont, krijgen alle informatie eerder dan ik.",
        [("place", "Bussum"), ("name", "Sem")],
    ),
    (
        "Mijn zoon zit op basisschool De Regenboog en de juf daar belde Veilig Thuis.",
        [("school", "basisschool De Regenboog")],
    ),
    (
        "Toen ik 15 was, plaatste de kinderrechter mij in een gesloten groep in Zeist.",
        [("age", "15"), ("place", "Zeist")],
    ),
    (
        "Gezinsvoogd Ahmed kwam in twee jaar maar vier keer op huisbezoek.",
        [("name", "Ahmed")],
    ),
    (
        "Bel me maar op 035-6231234, zei ze, maar die lijn werd nooit opgenomen.",
        [("phone", "035-6231234")],
    ),
    (
        "Onze zaak bij de rechtbank, rolnummer C/13/654321, werd drie keer uitgesteld.",
        [("case_number", "C/13/654321")],
    ),
    (
        "De vader met rode jas zei dat niemand hem ooit had teruggebeld.",
        [("local_label", "vader met rode jas")],
    ),
    (
        "Wij woonden toen in de Dorpsstraat in Laren, iedereen kende ons.",
        [("address", "Dorpsstraat"), ("place", "Laren")],
    ),
    ("Mijn 12-jarige dochter moest alles drie keer vertellen.", [("age", "12-jarige")]),
    (
        "Het eerste gesprek was op 05-01-2022, het volgende pas in april 2022.",
        [("date", "05-01-2022"), ("date", "april 2022")],
    ),
    (
        "Meneer van den Berg van de Raad luisterde wel, dat wil ik echt zeggen.",
        [("name", "van den Berg")],
    ),
    (
        "Samira was 14 toen ze voor het eerst bij de crisisopvang kwam.",
        [("local_label", "Samira"), ("age", "14")],
    ),
    (
        "Onze postcode, 1211 AB, stond op de brief aan de ex van mijn man.",
        [("postcode", "1211 AB")],
    ),
    (
        "De jeugdbeschermer gaf mijn e-mailadres, fam.bakker@hotmail.com, aan mijn ex.",
        [("email", "fam.bakker@hotmail.com")],
    ),
    (
        "Kenmerk VT-2021-0456 stond op elke brief, maar niemand wist wat het betekende.",
        [("case_number", "VT-2021-0456")],
    ),
    (
        "Onze dochter Noa ging naar het Gooise Lyceum en daar wist iedereen het.",
        [("name", "Noa"), ("school", "Gooise Lyceum")],
    ),
    (
        "Raadsonderzoeker Pieter Bos had het rapport al klaar voor hij ons sprak.",
        [("name", "Pieter Bos")],
    ),
    (
        "Sinds 1 september woont mijn zoon bij zijn vader in Amersfoort.",
        [("date", "1 september"), ("place", "Amersfoort")],
    ),
    (
        "Mijn burgerservicenummer 123 456 782 stond in een brief aan een andere moeder.",
        [("bsn", "123 456 782")],
    ),
    (
        "Ik belde het algemene nummer 088 - 996 3000 wel tien keer per week.",
        [("phone", "088 - 996 3000")],
    ),
    (
        "Onze pleegdochter van zeven jaar sliep drie maanden op een bank in Weesp.",
        [("age", "zeven jaar"), ("place", "Weesp")],
    ),
    (
        "Mw. Yilmaz van de William Schrikker Stichting heeft ons enorm geholpen.",
        [("name", "Yilmaz")],
    ),
    (
        "Toen Jesse geboren werd op 2 februari 2019, stond Veilig Thuis al aan het bed.",
        [("name", "Jesse"), ("date", "2 februari 2019")],
    ),
    (
        "Mijn dossiernummer is 4471239 en dat moest ik elke keer opnieuw opgeven.",
        [("case_number", "4471239")],
    ),
    (
        "We kregen een brief op de Amsterdamsestraatweg 45 in Utrecht, "
        "terwijl we al verhuisd waren.",
        [("address", "Amsterdamsestraatweg 45"), ("place", "Utrecht")],
    ),
    (
        "Kevin en zijn zus Fleur werden op verschillende plekken geplaatst, "
        "in Almere en in Lelystad.",
        [("name", "Kevin"), ("name", "Fleur"), ("place", "Almere"), ("place", "Lelystad")],
    ),
    (
        "Mijn ex, Mohammed El Amrani, kreeg alle brieven van de JGB eerder dan ik.",
        [("name", "Mohammed El Amrani")],
    ),
    (
        "Toen hij 16 werd, mocht hij ineens zelf beslissen, zei de voogd.",
        [("age", "16")],
    ),
]

#: The eight key points of the seed outcome document, as written there.
SEED_KEY_POINTS: list[str] = [
    "Hoe een professional iemand bejegt heeft vaak te maken met de persoon achter de "
    "professional. Één van de cliënten heeft hiermee een positieve ervaring waarbij beide "
    "kanten van het verhaal, ondanks houding of agressieve toon, goed gehoord werden met "
    "geduld en aandacht. Dat mag niet afhangen van wie er tegenover je zit",
    "De ervaring dat Veilig Thuis, ondanks alle goede bedoelingen en inzet, uiteindelijk toch "
    "doorbuigt als één van de partijen maar lang genoeg dramt en doorzet. Het patroon van "
    "iemand zand in de ogen strooien wordt ingezet bij de professional en blijkt te werken, "
    "wat de andere partij machteloos maakt.",
    "Communicatie is niet helder en er wordt niet gedaan wat er wordt gezegd. In de hele lijn "
    "is het troebel en loopt het verwarrend. De ouder weet niet waar hij/zij aan toe is, hoe "
    "het proces eruit gaat zien en wie precies wat doet. Afspraken worden afgezegd en niet "
    "opnieuw opgepakt.",
    "In allereerste aanleg waar het nodig is dat er gezinsleden beschermd worden is de "
    "ervaring dat het procesmanagement meer prioriteit heeft waardoor het overkomt dat Veilig "
    "Thuis niet de tools heeft om echt te beschermen.",
    "Bij de Raad voor de Kinderbescherming bestaat bij een aantal ouders het gevoel gezien en "
    "gehoord te zijn. Hun kortdurende betrokkenheid leidt tot een rapport dat hun situatie "
    "correct weergeeft.",
    "Kind moet in alles meer centraal staan, van in aanvang de bescherming tot later de hulp "
    "die het kind nodig heeft. De ervaring is dat het heel lang duurt voordat dit wordt "
    "opgepakt of dat een ouder zelf te veel initiatief in moet nemen voordat er iets gebeurt.",
    "Back-up is wenselijk als professionals uitvallen of op vakantie gaan. Duidelijkheid "
    "scheppen over wie wanneer verantwoordelijk is zodat de ouder weet wie zijn of haar "
    "houvast is. Niet iemand aan zijn/haar lot overlaten.",
    "Alles wat ooit in het dossier terecht is gekomen, waar of onwaar, blijft iemand "
    "achtervolgen en daardoor ontstaat er angst iets te zeggen. Er ontstaat communicatie op "
    "aannames en de ouder voelt zich verplicht te verdedigen of bewijzen.",
]

NOT_IDENTIFYING: list[Case] = [(point, []) for point in SEED_KEY_POINTS] + [
    (text, [])
    for text in [
        "Veilig Thuis kwam pas na drie meldingen in actie, en toen was het eigenlijk al te laat.",
        "De Raad voor de Kinderbescherming schreef een rapport dat klopte, dat was fijn.",
        "Ik heb drie jaar lang elke week contact gehad met de jeugdbeschermer.",
        "Niemand legde uit wat een ondertoezichtstelling precies betekent.",
        "De pleegouders deden hun best, maar ik werd nergens bij betrokken.",
        "Het zou helpen als de jeugdbeschermer één vast telefoonnummer heeft.",
        "Ouder 1 vertelt dat de gesprekken bij de Raad respectvol verliepen.",
        "Jongere 2 wil dat jongeren zelf mogen kiezen wie er bij het gesprek zit.",
        "Afspraken werden afgezegd zonder dat iemand een nieuwe datum voorstelde.",
        "Er moet meer aandacht komen voor broertjes en zusjes die thuis blijven.",
        "Bij SAVE had ik na twee jaar nog steeds geen vaste begeleider.",
        "Goed dat de gespreksleider iedereen aan het woord liet.",
        "Maar ook de school wist niet wat er speelde en belde pas laat.",
        "Mijn zoon voelde zich niet gehoord, ook niet door de kinderrechter.",
        "Dat was een moeilijke tijd voor het hele gezin.",
        "Het Leger des Heils heeft ons goed geholpen met de schulden.",
        "Pleegzorg duurde bij ons veel langer dan eerst was afgesproken.",
        "Soms kreeg ik drie brieven op één dag, allemaal met een ander verhaal.",
        "Toen de rechter besliste, had niemand mijn kant van het verhaal gehoord.",
        "De Jeugd- & Gezinsbeschermers zouden vaker moeten terugbellen.",
        "Eerlijk zijn over wat er in het dossier staat, ook als het pijnlijk is.",
        "Na vier weken kwam er eindelijk een tweede gesprek.",
        "Wees duidelijk over wie wanneer verantwoordelijk is, ook in de vakantie.",
        "Hoe kan het dat een ouder zelf alles moet regelen?",
        "Elke nieuwe jeugdbeschermer begon weer bij nul.",
        "Vaak voelde het alsof de uitkomst al vaststond voordat het gesprek begon.",
        "Pleegouder 1 mist een vast aanspreekpunt als de voogd op vakantie is.",
        "Het wijkteam en de GI spraken elkaar tegen, en wij zaten ertussen.",
        "Een jongere van de groep zei dat hij pas na een half jaar iemand vertrouwde.",
        "Luister eerst, en vertel pas daarna wat er gaat gebeuren.",
    ]
]

#: Written after the engine, and run once before any change to it: all found
#: on that first run (see README, 'The re-identification check').
HELD_OUT: list[Case] = [
    (
        "Op 22 juni kwam Femke van het wijkteam eindelijk langs in Baarn.",
        [("date", "22 juni"), ("name", "Femke"), ("place", "Baarn")],
    ),
    (
        "Mijn stiefdochter Yasmina is net 11 en slaapt nog steeds slecht.",
        [("name", "Yasmina"), ("age", "11")],
    ),
    (
        "De advocaat, mr. Hendriks, kreeg het rapport pas een dag voor de zitting.",
        [("name", "Hendriks")],
    ),
    (
        "Bellen kon alleen via 0356251199 en dan kreeg je altijd een bandje.",
        [("phone", "0356251199")],
    ),
    (
        "Ons zaaknummer ZN-22-3381 werd verwisseld met dat van een ander gezin.",
        [("case_number", "ZN-22-3381")],
    ),
    (
        "Thomas heeft een jaar op de Montessorischool in Bussum gezeten.",
        [("name", "Thomas"), ("school", "Montessorischool"), ("place", "Bussum")],
    ),
    (
        "We verhuisden in augustus 2019 naar Tilburg om opnieuw te beginnen.",
        [("date", "augustus 2019"), ("place", "Tilburg")],
    ),
    (
        "Voogd Sandra Visser stuurde alles naar info@familiemulder.nl, ons oude adres.",
        [("name", "Sandra Visser"), ("email", "info@familiemulder.nl")],
    ),
    (
        "Onze jongste, Milan, werd op zijn 3e al bij de crisisopvang geplaatst.",
        [("name", "Milan"), ("age", "3e")],
    ),
    ("Bij de Raad werkte toen een mevrouw Jansen die echt luisterde.", [("name", "Jansen")]),
    (
        "Ik woon aan de Vaartweg 7, 1217 SM, dus iedereen weet wie ik ben.",
        [("address", "Vaartweg 7"), ("postcode", "1217 SM")],
    ),
    (
        "Mijn oudste, een jongen van 17 jaar, wilde niets meer met de GI te maken hebben.",
        [("age", "17 jaar")],
    ),
    ("Een medewerker van Veilig Thuis zei dat we pas na de zomer gebeld zouden worden.", []),
    ("De gesprekken met de jeugdbeschermer voelden vaak als een verhoor.", []),
    ("Geef ouders een kopie van het verslag voordat het naar de rechter gaat.", []),
    ("Wij hadden in vijf jaar zes verschillende jeugdbeschermers.", []),
    ("Jongere 1 vond het fijn dat er een vaste contactpersoon was.", []),
    ("Niet alles hoeft via de mail, soms is even bellen beter.", []),
    ("Zorg dat een kind weet wie zijn jeugdbeschermer is en hoe die te bereiken is.", []),
    ("Het duurde maanden voordat iemand de moeite nam om ons verhaal te lezen.", []),
    ("Bij de overdracht ging er steeds informatie verloren.", []),
    ("Ouder 3 zegt dat de toon van de brieven dreigend overkomt.", []),
]

IDENTIFYING += [case for case in HELD_OUT if case[1]]
NOT_IDENTIFYING += [case for case in HELD_OUT if not case[1]]
ALL_CASES: list[Case] = IDENTIFYING + NOT_IDENTIFYING


def evaluate(cases: list[Case] = ALL_CASES) -> dict[str, dict[str, int]]:
    """Per kind: true positives, expected and found, over ``cases``.

    A finding counts when it has the expected kind and overlaps the expected text
    ("mijn zoon Daan" covers "Daan").
    """
    from spiegel_tui.privacy import Text, scan

    texts = [Text(f"case:{n}", text) for n, (text, _) in enumerate(cases)]
    found = scan(texts, VOCABULARY)
    counts: dict[str, dict[str, int]] = {}

    def count(kind: str) -> dict[str, int]:
        return counts.setdefault(kind, {"tp": 0, "expected": 0, "found": 0})

    for n, (text, expected) in enumerate(cases):
        mine = [f for f in found if f.text_id == f"case:{n}"]
        spans: list[tuple[str, int, int]] = []
        at = 0
        for kind, part in expected:
            start = text.index(part, 0 if part not in text[at:] else at)
            at = start + len(part)
            spans.append((kind, start, start + len(part)))
            count(kind)["expected"] += 1
        for finding in mine:
            kind = finding.kind.name.lower()
            count(kind)["found"] += 1
            if any(k == kind and s < finding.end and finding.start < e for k, s, e in spans):
                count(kind)["tp"] += 1
    return counts


def report(counts: dict[str, dict[str, int]]) -> str:
    lines = [f"{'kind':<14}{'expected':>9}{'found':>7}{'recall':>8}{'precision':>11}"]
    for kind in sorted(counts):
        c = counts[kind]
        recall = c["tp"] / c["expected"] if c["expected"] else 1.0
        precision = c["tp"] / c["found"] if c["found"] else 1.0
        lines.append(f"{kind:<14}{c['expected']:>9}{c['found']:>7}{recall:>8.0%}{precision:>11.0%}")
    return "\n".join(lines)
