"""The demo's document library (issue 14, section 2), loaded by DemoLoader.load after the
projects: a public CSV template, a public short concept as a small PDF (written here by hand,
no PDF library needed), an internal checklist for a data-protection impact assessment with a
second version, and an internal contract template tied to project P1. Every file is generated
in code, goes through library.services (upload checks, change log) and is marked ``is_demo``.
A document whose title exists in the region is left alone, so loading twice adds nothing.
"""

from __future__ import annotations

from django.db.models import Q

from digitalagentur.library import services
from digitalagentur.library.choices import DocumentKind, Visibility
from digitalagentur.library.models import Document
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

LABEL = "Dokumente"
NOTE = "Demo-Daten"


def simple_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF (Helvetica, WinAnsi: German umlauts work) with these lines,
    with a correct cross-reference table."""

    def text(line: str) -> bytes:
        raw = line.encode("cp1252", "replace")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    body = b"BT /F1 12 Tf 16 TL 72 770 Td " + b" ".join(
        b"(" + text(line) + b") Tj T*" for line in lines
    )
    body += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


MEASURES_CSV = (
    "Nr;Maßnahme;Handlungsfeld;Kommune;Zuständig;Beginn;Stand\n"
    "1;Online-Terminvergabe im Bürgerbüro;Verwaltung;;Digitalisierungsbeauftragte/r;;geplant\n"
    "2;WLAN im Rathaus für Gäste;Infrastruktur;;IT;;in Umsetzung\n"
    "3;Schulung „Digitale Sitzung“ für Ratsmitglieder;Verwaltung;;Koordination;;geplant\n"
)
CHECKLIST_V1 = (
    "Checkliste Datenschutz-Folgenabschätzung (Art. 35 DSGVO)\n"
    "\n"
    "1. Beschreibung der Verarbeitung und ihrer Zwecke\n"
    "2. Notwendigkeit und Verhältnismäßigkeit\n"
    "3. Risiken für die Rechte und Freiheiten der Betroffenen\n"
    "4. Abhilfemaßnahmen\n"
)
CHECKLIST_V2 = CHECKLIST_V1 + (
    "5. Stellungnahme der oder des Datenschutzbeauftragten\n"
    "6. Wiedervorlage: spätestens nach zwei Jahren\n"
)
CONTRACT_TEXT = (
    "Mustervertrag Auftragsverarbeitung (Art. 28 DSGVO) – Entwurf der Digitalagentur\n"
    "\n"
    "§ 1 Gegenstand und Dauer\n§ 2 Art und Zweck der Verarbeitung\n"
    "§ 3 Technische und organisatorische Maßnahmen\n§ 4 Unterauftragsverhältnisse\n"
)
CONCEPT_LINES = [
    "Digitalagentur – Kurzkonzept (Demodaten)",
    "",
    "Eine virtuelle Organisation des Kreises und seiner Städte und Gemeinden:",
    "- jede Kommune benennt eine/n Digitalisierungsbeauftragte/n",
    "- die Koordination sitzt beim Kreis",
    "- fünf Arbeitslinien: Strategie, Technologie-Scouting, Marke,",
    "  Fördermittel-Akquise, Projekt-Support",
]


def _documents(region) -> list[dict]:
    fields = list(Field.objects.filter(region=region, slug__in=["verwaltung"]))
    p1 = Project.objects.filter(region=region).filter(Q(code="P1") | Q(slug="P1")).first()
    towns = list(Municipality.objects.filter(region=region).order_by("name")[:2])
    return [
        {
            "values": {
                "title": "Vorlage Maßnahmenliste Digitalisierung",
                "description": "Tabelle (CSV, Trennzeichen Semikolon) für die Maßnahmen "
                "einer Kommune: zum Ausfüllen und Zurückmelden an die Koordination.",
                "kind": DocumentKind.TEMPLATE,
                "visibility": Visibility.PUBLIC,
            },
            "filename": "massnahmenliste-vorlage.csv",
            "versions": [MEASURES_CSV.encode()],
            "tags": ["Vorlage", "Maßnahmen"],
            "fields": fields,
        },
        {
            "values": {
                "title": "Kurzkonzept Digitalagentur",
                "description": "Zwei Absätze zum Aufbau der Digitalagentur, zum Weitergeben.",
                "kind": DocumentKind.CONCEPT,
                "visibility": Visibility.PUBLIC,
            },
            "filename": "kurzkonzept-digitalagentur.pdf",
            "versions": [simple_pdf(CONCEPT_LINES)],
            "tags": ["Digitalagentur"],
        },
        {
            "values": {
                "title": "Checkliste Datenschutz-Folgenabschätzung",
                "description": "Interne Arbeitshilfe für die Digitalisierungsbeauftragten.",
                "kind": DocumentKind.DPIA,
                "visibility": Visibility.INTERNAL,
            },
            "filename": "checkliste-dsfa.txt",
            "versions": [CHECKLIST_V1.encode(), CHECKLIST_V2.encode()],
            "tags": ["Datenschutz"],
            "fields": fields,
            "towns": towns,
        },
        {
            "values": {
                "title": "Mustervertrag Auftragsverarbeitung",
                "description": "Entwurf, noch nicht mit dem Rechtsamt abgestimmt.",
                "kind": DocumentKind.CONTRACT,
                "visibility": Visibility.INTERNAL,
                "project": p1,
            },
            "filename": "mustervertrag-avv.txt",
            "versions": [CONTRACT_TEXT.encode()],
            "tags": ["Datenschutz", "Vertrag"],
        },
    ]


def load_library(loader, region) -> None:
    existing = set(Document.objects.filter(region=region).values_list("title", flat=True))
    for spec in _documents(region):
        if spec["values"]["title"] in existing:
            continue
        first, *later = spec["versions"]
        document = services.create_document(
            region=region,
            user=None,
            values=spec["values"],
            filename=spec["filename"],
            content=first,
            tags=spec["tags"],
            fields=spec.get("fields", ()),
            municipalities=spec.get("towns", ()),
            note=NOTE,
            is_demo=True,
        )
        for content in later:
            services.add_version(
                document, user=None, filename=spec["filename"], content=content, note=NOTE
            )
        loader.created[LABEL] += 1
