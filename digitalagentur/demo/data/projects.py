"""The 28 strategy projects P1–P28 and the lighthouse and local projects of the seeds."""

import datetime

from . import ARTIKEL, SV_2022, SV_2023, VORLAGE_COE

# (code, title, field slug) exactly as in PRAESENTATION ("Themenfelder und Projekte").
STRATEGY_PROJECTS = [
    ("P1", "Online ins Rathaus", "verwaltung"),
    ("P2", "Fließende Prozesse", "verwaltung"),
    ("P3", "Synergie-Quelle", "verwaltung"),
    ("P4", "Training fürs Team", "verwaltung"),
    ("P5", "Lernen 12.0", "bildung"),
    ("P6", "Begleitschutz in der digitalen Welt", "bildung"),
    ("P7", "Ran an die Roboter", "bildung"),
    ("P8", "Wissen schaffen für den Wandel", "bildung"),
    ("P9", "Rüstzeug für die Arbeitswelt", "bildung"),
    ("P10", "Zukunftsluft schnuppern", "bildung"),
    ("P11", "Perspektiv-Programm", "bildung"),
    ("P12", "Chancen-Radar", "wirtschaft"),
    ("P13", "Schutzkreis für den Datenschatz", "wirtschaft"),
    ("P14", "Willkommen im Synergie-Raum", "wirtschaft"),
    ("P15", "Startplatz für Smarte Ideen", "wirtschaft"),
    ("P16", "Strahlkraft für den Standort", "wirtschaft"),
    ("P17", "Gemeinsam Chancen nutzen", "wirtschaft"),
    ("P18", "Rückenwind für frische Ideen", "wirtschaft"),
    ("P19", "Smarter unterwegs", "mobilitaet"),
    ("P20", "App in die Verkehrswende", "mobilitaet"),
    ("P21", "Spielend den Weg erkunden", "mobilitaet"),
    ("P22", "Bitte umsteigen", "mobilitaet"),
    ("P23", "Jede Kommune schnell auf dem Schirm", "innenstadt-dorfmitte"),
    ("P24", "Modell für die Mitte", "innenstadt-dorfmitte"),
    ("P25", "Basis für die smarte Region", "innenstadt-dorfmitte"),
    ("P26", "Online-Shopping mit Wir-Gefühl", "innenstadt-dorfmitte"),
    ("P27", "Auf Kundenbindung programmiert", "innenstadt-dorfmitte"),
    ("P28", "Digitaler Motivationsschub", "innenstadt-dorfmitte"),
]

# The only profile text the seeds give for single strategy projects: two lines of the
# consolidated project list of 09.09.2020 (PRAESENTATION; the source text is cut off).
STRATEGY_PROJECT_SUMMARIES = {
    "P3": (
        "Netzwerk für den interkommunalen Austausch zur Digitalisierung und strukturierter "
        "Austausch zu Dokumentenmanagement (DMS) und Online-Dienstleistungen (Empfehlung der "
        "interkommunalen Arbeitsgruppe, konsolidierte Projektliste vom 09.09.2020)."
    ),
    "P4": (
        "Personalentwicklung mit dem Ziel, die Beschäftigten in ihren Kompetenzen, etwa der "
        "Kundenorientierung, zu fördern (konsolidierte Projektliste vom 09.09.2020; der Text "
        "der Quelle ist unvollständig)."
    ),
}

# The strategy projects have no status in the seeds: all are "planned".
STRATEGY_PROJECT_STATUS = "planned"

# Every project below gets this internal note (never public): the seeds assign no field.
FIELD_NOTE = (
    "Demodaten: Die Zuordnung zum Handlungsfeld ist eine redaktionelle Entscheidung; die "
    "Quellen ordnen dieses Projekt keinem Handlungsfeld zu."
)

# Lighthouse and local projects (not among P1–P28). A milestone's "completed_on" is the latest
# day by which the seeds confirm it reached (the end of the year where they give only a year,
# the date of the source where they give no earlier one; the text says so). "due_date" is the
# start of the period the seeds plan it for. Updates carry the date of their source document.
LOCAL_PROJECTS = [
    {
        "slug": "smarte-land-regionen",
        "title": "Smarte.Land.Regionen – Coworking und mobiles Arbeiten",
        "field": "wirtschaft",
        "is_lighthouse": True,
        "status": "in_progress",
        "lead": "Kreis Coesfeld",
        # Kreis-wide project of the Kreis; the seeds name the Gemeinde Senden as a
        # participant of the pilot phase (SV_2022).
        "towns": ["senden"],
        "lead_towns": [],
        "website": "",
        "summary": (
            "Modellvorhaben des BMEL: digitale Dienste für mehr mobiles Arbeiten und Coworking "
            "im Kreis Coesfeld, gemeinsam mit dem Fraunhofer IESE."
        ),
        "description": (
            "Der Kreis Coesfeld hat sich im Jahr 2020 erfolgreich am Förderaufruf "
            "Smarte.Land.Regionen des Bundesministeriums für Ernährung und Landwirtschaft "
            "(BMEL) beteiligt. Gemeinsam mit dem Fraunhofer-Institut für experimentelle "
            "Softwareentwicklung (IESE) werden digitale Dienste entwickelt, um dauerhaft "
            "mobiles Arbeiten zu stärken und damit Pendlerverkehre zu reduzieren. Ein "
            "Schwerpunkt liegt auf Coworking Spaces als „dritten Arbeitsorten“ neben dem "
            "Betrieb und dem Home-Office.\n\n"
            "Im Kreis Coesfeld machen sich werktäglich rund 68.000 Berufstätige innerhalb des "
            "Kreisgebiets zu ihren Arbeitsplätzen auf, rund 55.000 verlassen dazu das "
            "Kreisgebiet. Unter dem Arbeitstitel „Landräume“ sollen außerdem leerstehende oder "
            "untergenutzte Räumlichkeiten, z. B. für Kultur-, Bildungs- oder "
            "Sportveranstaltungen, gebucht werden können. Ein Coworking-Space im Kreis ist das "
            "ExtraGleis im Zugwaggon neben dem Bahnhof in Billerbeck.\n\n"
            "An der Pilotphase mit Arbeitgebenden (in Kooperation mit der CoWorkLand "
            "Genossenschaft) nehmen zunächst die wfc Kreis Coesfeld, die Gemeinde Senden sowie "
            "zwei Unternehmen aus Münster teil."
        ),
        "central_benefit": (
            "Ein nutzerzentrierter digitaler Dienst für Pendlerinnen, Pendler und weitere "
            "mobil Arbeitende, der mehr mobiles Arbeiten und Coworking ermöglicht und neue "
            "nachhaltige und digitalgestützte Arbeitskulturen etabliert."
        ),
        "challenges": (
            "Die Akquise weiterer Arbeitgebender gestaltet sich schwierig: Coworking ist für "
            "viele Akteure noch sehr neuartig und erklärungsbedürftig. Öffentlichkeitsarbeit "
            "und Information kommt deshalb große Bedeutung zu."
        ),
        "milestones": [
            {
                "title": "Erfolgreiche Bewerbung im Förderaufruf Smarte.Land.Regionen (BMEL)",
                "description": (
                    "Zeitangabe laut Quelle: im Jahr 2020, hier als spätestens 31.12.2020 "
                    f"erfasst ({SV_2022})."
                ),
                "due_date": None,
                "completed_on": datetime.date(2020, 12, 31),
            },
            {
                "title": "Erster Prototyp des digitalen Dienstes in der Testphase",
                "description": f"Stand laut {SV_2022}.",
                "due_date": None,
                "completed_on": datetime.date(2022, 8, 18),
            },
            {
                "title": "Pilotphase mit Arbeitgebenden aus der Region",
                "description": (
                    "In Kooperation mit der CoWorkLand Genossenschaft; Start laut Quelle in "
                    "der zweiten Jahreshälfte 2022, zunächst mit der wfc Kreis Coesfeld, der "
                    "Gemeinde Senden und zwei Unternehmen aus Münster. Der Abschluss ist in "
                    f"den Quellen nicht belegt ({SV_2022})."
                ),
                "due_date": datetime.date(2022, 7, 1),
                "completed_on": None,
            },
            {
                "title": "Start der Kommunikationskampagnen zu mobilem Arbeiten und Coworking",
                "description": (
                    "Laut Quelle voraussichtlich ab September/Oktober 2022, mit der "
                    "Kommunikationsagentur Living Concept aus Münster; Website zum Thema "
                    f"Coworking im Münsterland (angedockt an muensterland.com) ({SV_2022})."
                ),
                "due_date": datetime.date(2022, 9, 1),
                "completed_on": None,
            },
        ],
        "updates": [
            {
                "date": datetime.date(2022, 8, 18),
                "title": "Prototyp in der Testphase, Pilotphase mit Arbeitgebenden startet",
                "text": (
                    "Der digitale Dienst befindet sich als erster Prototyp in der Testphase. "
                    "Um sich von bestehenden Plattformen abzuheben, kam das Ziel hinzu, unter "
                    "dem Arbeitstitel „Landräume“ weitere Räumlichkeiten flexibel nutzbar zu "
                    "machen. In der zweiten Jahreshälfte startet mit der CoWorkLand "
                    "Genossenschaft eine Pilotphase mit Arbeitgebenden aus der Region. Zurzeit "
                    "läuft eine kreisweite Online-Befragung zu mobilem Arbeiten und Coworking."
                ),
                "source": SV_2022,
            },
            {
                "date": datetime.date(2023, 9, 14),
                "title": "Leuchtturmprojekt mit Schwerpunkt Coworking und New Work",
                "text": (
                    "Das Modellvorhaben Smarte.Land.Regionen mit dem Schwerpunktthema "
                    "Coworking und New Work zählt zu den Leuchtturmprojekten der Strategie. "
                    "Seit Juni 2023 sind die beiden Projektstellen Smarte.Land.Regionen "
                    "vakant; Kernaufgaben übernehmen Mathias Raabe und Dr. Jürgen Grüner."
                ),
                "source": SV_2023,
            },
        ],
    },
    {
        "slug": "lorena-wochenmarkt24",
        "title": "LoReNa – Lokal-Regional-Nachhaltig (wochenmarkt24)",
        "field": "innenstadt-dorfmitte",
        "is_lighthouse": True,
        "status": "in_progress",
        "lead": "",
        # Nine towns of the Kreise Coesfeld and Warendorf, not named in the seeds.
        "towns": [],
        "lead_towns": [],
        "website": "https://muenster.wochenmarkt24.de",
        "summary": (
            "Regionaler Online-Shop für Einzelhandel, Dienstleister und Direktvermarkter; "
            "daraus hervorgegangen: die Direktvermarktungsplattform wochenmarkt24."
        ),
        "description": (
            "LoReNa steht für Lokal-Regional-Nachhaltig und beschreibt ein interkommunales "
            "Projekt, das neun Kommunen aus den Kreisen Coesfeld und Warendorf umfasst. Das "
            "Projekt möchte Einzelhändler, Dienstleister und Direktvermarkter befähigen, ihren "
            "stationären Betrieb online zu präsentieren und ihre Waren in einem regionalen "
            "Online-Shop zu vertreiben. Die Kundschaft kann regionale Produkte gebündelt "
            "online einkaufen. Das stärkt die heimische Wirtschaft und spart lange "
            "Anfahrtswege.\n\n"
            "Welche neun Kommunen beteiligt sind, nennen die Quellen nicht; deshalb ist hier "
            "keine Kommune zugeordnet."
        ),
        "central_benefit": "",
        "challenges": "",
        "milestones": [],
        "updates": [
            {
                "date": datetime.date(2023, 9, 14),
                "title": "Direktvermarktungsplattform wochenmarkt24 für das Münsterland",
                "text": (
                    "Über das LoReNa-Projekt wurde für das Münsterland die "
                    "Direktvermarktungsplattform wochenmarkt24 gewonnen "
                    "(https://muenster.wochenmarkt24.de). Sie zählt zu den "
                    "Leuchtturmprojekten der Strategie."
                ),
                "source": SV_2023,
            },
        ],
    },
    {
        "slug": "buergerlabor-mobiles-muensterland-kommit",
        "title": "Bürgerlabor Mobiles Münsterland (BüLaMo) – kommit",
        "field": "mobilitaet",
        "is_lighthouse": True,
        "status": "in_progress",
        "lead": "",
        # "Ein besonderer Fokus liegt dabei auf der Gemeinde Senden" (ARTIKEL).
        "towns": ["senden"],
        "lead_towns": [],
        "website": "",
        "summary": (
            "Experimentierraum für Mobilität im ländlichen Raum mit der Mobilitätsmarke "
            "„kommit – NEU LAND ERFAHREN“; Schwerpunkt Gemeinde Senden."
        ),
        "description": (
            "Das BüLaMo ist ein Experimentierraum („Labor“) für Mobilität im ländlichen Raum, "
            "bei dem das aktive Einbringen und Mitwirken der Bürgerinnen und Bürger "
            "ausdrücklich erwünscht ist. Hier sollen Mobilitätskonzepte getestet, optimiert und "
            "bei Erfolg mit anderen Kommunen geteilt werden.\n\n"
            "Mit Hilfe der eigens geschaffenen Mobilitätsmarke „kommit – NEU LAND ERFAHREN“ "
            "will das Projekt eine ganzheitliche, attraktive und klimafreundliche "
            "ÖV-Alternative zum privaten Pkw entwickeln. Ein besonderer Fokus liegt auf der "
            "Gemeinde Senden, wo eine neu eingeführte Expressbuslinie mit flexiblen "
            "On-Demand- und Sharing-Lösungen kombiniert und eine Mobilstation zur Steigerung "
            "des Warte- und Umsteigekomforts errichtet wird."
        ),
        "central_benefit": (
            "Eine ganzheitliche, attraktive und klimafreundliche Alternative zum privaten Pkw; "
            "Buchen und Bezahlen einer multimodalen Wegekette in nur einer App."
        ),
        "challenges": "",
        "milestones": [
            {
                "title": "kommit!-Mobilitätsangebote im Kreis Coesfeld verfügbar",
                "description": (
                    "Belegt durch den Sachstandsbericht für die Ausschusssitzung am "
                    "14.09.2023 (spätestens zu diesem Datum; den genauen Start nennen die "
                    f"Quellen nicht) – {SV_2023}."
                ),
                "due_date": None,
                "completed_on": datetime.date(2023, 9, 14),
            },
            {
                "title": "Mobilstation in Senden",
                "description": (
                    "Zur Steigerung des Warte- und Umsteigekomforts; laut Quelle im Bau, "
                    f"Fertigstellung in den Quellen nicht belegt ({ARTIKEL})."
                ),
                "due_date": None,
                "completed_on": None,
            },
            {
                "title": "Buchen und Bezahlen der Wegekette in einer App (Mobility as a Service)",
                "description": f"Laut Quelle geplant ({ARTIKEL}).",
                "due_date": None,
                "completed_on": None,
            },
        ],
        "updates": [
            {
                "date": datetime.date(2023, 9, 14),
                "title": "kommit!-Mobilitätsangebote als Leuchtturmprojekt",
                "text": (
                    "Die kommit!-Mobilitätsangebote über das Projekt „Bürgerlabor Mobiles "
                    "Münsterland“ zählen zu den Leuchtturmprojekten der Strategie."
                ),
                "source": SV_2023,
            },
        ],
    },
    {
        "slug": "lorawan-infrastruktur",
        "title": "Kreisweite LoRaWAN-Infrastruktur",
        "field": "verwaltung",
        "is_lighthouse": True,
        "status": "in_progress",
        "lead": "",
        # Kreis-wide infrastructure; the seeds name no single town.
        "towns": [],
        "lead_towns": [],
        "website": "",
        "summary": "Aufbau einer kreisweiten LoRaWAN-Infrastruktur (Funknetz).",
        "description": (
            "Die kreisweite LoRaWAN-Infrastruktur befindet sich im Aufbau und zählt zu den "
            "Leuchtturmprojekten der Strategie. Einzelne beteiligte Kommunen nennen die "
            "Quellen nicht."
        ),
        "central_benefit": "",
        "challenges": "",
        "milestones": [],
        "updates": [
            {
                "date": datetime.date(2023, 9, 14),
                "title": "LoRaWAN-Infrastruktur im Aufbau",
                "text": (
                    "Die kreisweite LoRaWAN-Infrastruktur befindet sich im Aufbau; sie zählt zu "
                    "den Leuchtturmprojekten der Strategie."
                ),
                "source": SV_2023,
            },
        ],
    },
    {
        "slug": "e-lastenrad-sharing",
        "title": "Digitales E-Lastenrad-Sharing",
        "field": "mobilitaet",
        "is_lighthouse": True,
        "status": "in_progress",
        "lead": "",
        # The seeds name Nordkirchen (cargo-bike box) as one of the towns taking part.
        "towns": ["nordkirchen"],
        "lead_towns": [],
        "website": "",
        "summary": (
            "Digitales E-Lastenrad-Sharing, in immer mehr Städten und Gemeinden des Kreises "
            "etabliert."
        ),
        "description": (
            "Im ländlichen Raum greifen die Menschen zur Fortbewegung weitestgehend auf den "
            "motorisierten Individualverkehr zurück. Dem möchte man im Kreis Coesfeld unter "
            "anderem mit Sharing-Angeboten entgegenwirken: Gemeinschaftliche Nutzung als "
            "Alternative zum eigenen Fahrzeug. Das digitale E-Lastenrad-Sharing ist in immer "
            "mehr kreisangehörigen Städten und Gemeinden etabliert.\n\n"
            "Die Quellen nennen namentlich die Gemeinde Nordkirchen (Lastenradbox); weitere "
            "beteiligte Kommunen sind dort nicht genannt."
        ),
        "central_benefit": "Mehr Fahrten mit dem Fahrrad statt mit dem Auto.",
        "challenges": "",
        "milestones": [],
        "updates": [
            {
                "date": datetime.date(2023, 9, 14),
                "title": "In immer mehr Städten und Gemeinden etabliert",
                "text": (
                    "Das digitale E-Lastenrad-Sharing ist in immer mehr kreisangehörigen Städten "
                    "und Gemeinden etabliert und zählt zu den Leuchtturmprojekten der Strategie."
                ),
                "source": SV_2023,
            },
        ],
    },
    {
        "slug": "crossiety-havixbeck",
        "title": "Crossiety – digitaler Dorfplatz Havixbeck",
        "field": "innenstadt-dorfmitte",
        "is_lighthouse": False,
        "status": "completed",
        "lead": "Gemeinde Havixbeck",
        "towns": ["havixbeck"],
        "lead_towns": ["havixbeck"],
        "website": "",
        "summary": (
            "Lokale Kommunikationsplattform der Gemeinde Havixbeck: informieren, vernetzen, "
            "organisieren, engagieren."
        ),
        "description": (
            "Die Gemeinde Havixbeck hat ihren Dorfplatz in die digitale Welt verlegt. Mit "
            "Crossiety hat sie eine vertrauenswürdige lokale Kommunikationsplattform "
            "geschaffen, auf der sich die Nutzerinnen und Nutzer informieren, vernetzen, "
            "organisieren, engagieren und miteinander in Kontakt treten können. Das "
            "Leistungsspektrum der App reicht von einem allumfassenden Veranstaltungskalender "
            "über einen Messenger-Dienst bis hin zu Kleinanzeigen – mit deutlich mehr "
            "Sicherheit durch eine eindeutige Registrierung und sichere Server in der Schweiz."
        ),
        "central_benefit": (
            "Ein digitaler Dorfplatz: Veranstaltungskalender, Messenger und Kleinanzeigen auf "
            "einer vertrauenswürdigen lokalen Plattform."
        ),
        "challenges": "",
        "milestones": [],
        "updates": [],
    },
    {
        "slug": "lastenradbox-nordkirchen",
        "title": "Lastenradbox Nordkirchen",
        "field": "mobilitaet",
        "is_lighthouse": False,
        "status": "completed",
        "lead": "Gemeinde Nordkirchen",
        "towns": ["nordkirchen"],
        "lead_towns": ["nordkirchen"],
        "website": "",
        "summary": (
            "E-Lastenrad in einer solarbetriebenen Box, per Smartphone-App auszuleihen, zu "
            "buchen und zu bezahlen."
        ),
        "description": (
            "Die Gemeinde Nordkirchen trägt mit einer Lastenradbox dazu bei, dass zukünftig "
            "mehr Fahrten mit dem Fahrrad statt mit dem Auto erledigt werden können. Das neue "
            "E-Lastenrad wird per Smartphone-App ausgeliehen und kann auch hierüber gebucht und "
            "bezahlt werden. Auch der Öffnungs- und Schließmechanismus der Box wird über die "
            "App gesteuert. Aufgeladen wird der Akku des Fahrrads mit umweltfreundlichem "
            "Solarstrom, der mit einem Photovoltaik-Panel auf der Metallbox gewonnen wird."
        ),
        "central_benefit": "Mehr Fahrten mit dem Fahrrad statt mit dem Auto.",
        "challenges": "",
        "milestones": [],
        "updates": [],
    },
    {
        "slug": "heimat-2-0",
        "title": "Heimat 2.0 – regionaler Online-Marktplatz",
        "field": "innenstadt-dorfmitte",
        "is_lighthouse": False,
        "status": "in_progress",
        "lead": "",
        # Seven towns of the Kreis, not named in the seeds: no town attached.
        "towns": [],
        "lead_towns": [],
        "website": "",
        "summary": (
            "Gemeinsamer, erfolgreicher Förderantrag von sieben kreisangehörigen Kommunen zur "
            "Einrichtung eines regionalen Online-Marktplatzes."
        ),
        "description": (
            "„Heimat 2.0“ ist ein gemeinsamer Förderantrag von sieben kreisangehörigen "
            "Kommunen zur Einrichtung eines regionalen Online-Marktplatzes. Der Antrag war "
            "erfolgreich; er konnte auf die in Erarbeitung befindliche, interkommunal "
            "abgestimmte Strategie verweisen, was ganz wesentlich zur Förderwürdigkeit "
            "beigetragen hat.\n\n"
            "Welche sieben Kommunen beteiligt sind, nennen die Quellen nicht; deshalb ist hier "
            "keine Kommune zugeordnet."
        ),
        "central_benefit": "",
        "challenges": "",
        "milestones": [],
        "updates": [
            {
                "date": datetime.date(2021, 6, 10),
                "title": "Förderantrag erfolgreich",
                "text": (
                    "Der gemeinsame Förderantrag von sieben kreisangehörigen Kommunen war "
                    "erfolgreich. Die Verweise auf die interkommunal abgestimmte "
                    "Strategieentwicklung haben ganz wesentlich zur Förderwürdigkeit "
                    "beigetragen."
                ),
                "source": VORLAGE_COE,
            },
        ],
    },
]
