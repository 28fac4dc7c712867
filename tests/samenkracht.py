"""The meeting of seed 002 ("Samenkracht!", 14 October 2021) as a Meeting, for tests.

``fixtures/samenkracht_2021.json`` is read with the real importer, so the fixture is
also a check that a meeting file of the documented format reaches the exporters intact.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spiegel_tui.meetingfile import parse_meeting
from spiegel_tui.model import Meeting

FIXTURE = Path(__file__).parent / "fixtures" / "samenkracht_2021.json"
PRIVATE_TEXT = "ZK-48213"  # only in the private remark

#: Seed 002, the outcome document as the facilitators wrote it: one entry per
#: paragraph, "- " marks a bullet. What the exporters must reproduce from the fixture.
SEED_PARAGRAPHS = (
    "Uitkomsten Samenkracht!-bijeenkomst",
    "Datum bijeenkomst: 14 oktober 2021",
    ("Project/onderwerp: Spiegelbijeenkomst thema bejegening binnen de Jeugdbeschermingsketen"),
    (
        "De organisaties binnen de jeugdbeschermingsketen willen graag van de ervaringen van "
        "ouders leren als het gaat om bejegening. Uit het actieplan verbetering "
        "feitenonderzoek is o.a. gebleken dat de bejegening van de professional niet altijd "
        "aansluit bij de cliënt. Waar zit het hiaat precies en hoe kan dat gedicht worden. We"
        " hebben voor deze avond zeven ouders bereid gevonden om hun ervaringen te delen. "
        "Helaas zijn er twee ouders verhinderd. De vijf ouders die deelnemen aan deze avond "
        "hebben allen ervaring met alle drie de organisaties; te weten Veilig Thuis, de Raad "
        "voor de Kinderbescherming en de Jeugd- & Gezinsbeschermers."
    ),
    (
        "Wat waren de belangrijkste opmerkingen en verbeterpunten die genoemd zijn door de "
        "deelnemers?"
    ),
    (
        "- Hoe een professional iemand bejegt heeft vaak te maken met de persoon achter de "
        "professional. Één van de cliënten heeft hiermee een positieve ervaring waarbij beide"
        " kanten van het verhaal, ondanks houding of agressieve toon, goed gehoord werden met"
        " geduld en aandacht. Dat mag niet afhangen van wie er tegenover je zit"
    ),
    (
        "- De ervaring dat Veilig Thuis, ondanks alle goede bedoelingen en inzet, "
        "uiteindelijk toch doorbuigt als één van de partijen maar lang genoeg dramt en "
        "doorzet. Het patroon van iemand zand in de ogen strooien wordt ingezet bij de "
        "professional en blijkt te werken, wat de andere partij machteloos maakt."
    ),
    (
        "- Communicatie is niet helder en er wordt niet gedaan wat er wordt gezegd. In de "
        "hele lijn is het troebel en loopt het verwarrend. De ouder weet niet waar hij/zij "
        "aan toe is, hoe het proces eruit gaat zien en wie precies wat doet. Afspraken worden"
        " afgezegd en niet opnieuw opgepakt."
    ),
    (
        "- In allereerste aanleg waar het nodig is dat er gezinsleden beschermd worden is de "
        "ervaring dat het procesmanagement meer prioriteit heeft waardoor het overkomt dat "
        "Veilig Thuis niet de tools heeft om echt te beschermen."
    ),
    (
        "- Bij de Raad voor de Kinderbescherming bestaat bij een aantal ouders het gevoel "
        "gezien en gehoord te zijn. Hun kortdurende betrokkenheid leidt tot een rapport dat "
        "hun situatie correct weergeeft."
    ),
    (
        "- Kind moet in alles meer centraal staan, van in aanvang de bescherming tot later de"
        " hulp die het kind nodig heeft. De ervaring is dat het heel lang duurt voordat dit "
        "wordt opgepakt of dat een ouder zelf te veel initiatief in moet nemen voordat er "
        "iets gebeurt."
    ),
    (
        "- Back-up is wenselijk als professionals uitvallen of op vakantie gaan. "
        "Duidelijkheid scheppen over wie wanneer verantwoordelijk is zodat de ouder weet wie "
        "zijn of haar houvast is. Niet iemand aan zijn/haar lot overlaten."
    ),
    (
        "- Alles wat ooit in het dossier terecht is gekomen, waar of onwaar, blijft iemand "
        "achtervolgen en daardoor ontstaat er angst iets te zeggen. Er ontstaat communicatie "
        "op aannames en de ouder voelt zich verplicht te verdedigen of bewijzen."
    ),
    "Wat heeft de bijeenkomst opgeleverd:",
    (
        "Het is duidelijk geworden wat in de samenwerking met de professional belangrijk is. "
        "Professionals worden daarvan bewust door het uit eerste hand van de ouder te horen. "
        "Dit raakt meer dan een rapport of onderzoek."
    ),
    "Wat gaat er met de input gebeuren en op welke termijn?",
    (
        "Bovengenoemde punten en de eigen ervaringen van de toehoorders aanwezig bij de "
        "bijeenkomst worden meegenomen naar de teams in de verschillende organisaties en "
        "besproken. In welke punten herkennen ze zich? En aan welke punten kunnen ze een "
        "vervolg geven door te werken aan de genoemde verbeterpunten? Deze uitkomsten worden "
        "in november 2021 besproken in de werkgroep samen met de twee gespreksleiders."
    ),
    (
        "Het plan is in de regio Gooi en Vechtstreek regelmatig dit soort bijeenkomsten te "
        "houden met ouders en jongeren over de jeugdbescherming. Dit om telkens weer van te "
        "leren en de jeugdbeschermingsketen verder te verbeteren."
    ),
    "Komt er een vervolg(bijeenkomst)?",
    "Er komt een vervolgbijeenkomst in 2022, precieze datum is nog niet bekend",
)


def fixture_data() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def samenkracht_meeting() -> Meeting:
    parsed = parse_meeting(fixture_data())
    assert parsed.warnings == []
    return parsed.meeting
