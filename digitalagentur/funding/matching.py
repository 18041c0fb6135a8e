"""Matching projects and funding programmes (issue 8 §5): for a project the programmes whose
rules and topics fit, ranked and with their reasons; for a programme the projects that could
use it.

Everything here is pure (plain data in, plain data out) except the two loaders at the end,
which read a region's programmes (3 queries) or projects (2 queries) whatever their number.

The score is a sum of points, one line per signal, each shown as a reason:

======================  ======  =======================================================
signal                  points  when
======================  ======  =======================================================
field                     +40   the project's field of action is one of the programme's
keywords                  +10   per word stem of the programme's keywords (Schlagwörter)
                                found in the project's title, summary, description or
                                central benefit; +5 per stem found only in the programme's
                                name, summary or Förderbereich (without a keyword,
                                from two such stems on: one alone is chance); together
                                at most +30
applicant                 +10   the programme names the project's carrier among its
                                applicants (no applicants given: anyone, 0 points)
region                    +10   the Fördergebiet names the region's Bundesland;
                           +5   it is nationwide (bundesweit, Deutschland, EU)
call                      +20   a call is open now; +15 one is announced (forthcoming);
                          −10   there are calls, but all are closed
======================  ======  =======================================================

A programme fits a project only with a topical signal (field or keywords); the other signals
only rank. Ties are broken by name (the programme's, or the project's title), then by id.

Excluded, whatever the topic: a programme whose applicants leave out the project's carrier
(a project carried by the district is a district's, and districts are Gemeindeverbände; one
town's project is a town's; several towns' project is an inter-municipal cooperation's), and
a programme whose Fördergebiet names other Länder only. Excluded programmes that would fit by
topic are returned apart with the reason why not: the staff area shows them, so that nobody
wonders why an obvious programme is missing; the API lists only what fits.

Words: German, compared by their Snowball stems (snowballstemmer, "german"), with umlauts
and ß folded (Mobilität = Mobilitaet = Mobilitat) and stopwords dropped, also the words every
project of a digitalisation strategy shares ("digital", "Digitalisierung", "Projekt"). A
keyword stem of five letters or more also matches a compound that starts or ends with it
("Glasfaser" finds "Glasfaserausbau", "Handel" finds "Einzelhandel"). The reasons name the
programme's words as it writes them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from dataclasses import field as default
from functools import lru_cache

import snowballstemmer
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from digitalagentur.tenancy.choices import Land

from .deadlines import deadline_text
from .models import ApplicantType, Call, CallStatus, Programme, call_status

FIELD_POINTS = 40
KEYWORD_POINTS = 10
TEXT_WORD_POINTS = 5
TEXT_WORDS_MIN = 2  # words of a programme's description needed without a keyword
KEYWORDS_MAX = 30
APPLICANT_POINTS = 10
HOME_LAND_POINTS = 10
NATIONWIDE_POINTS = 5
OPEN_CALL_POINTS = 20
FORTHCOMING_CALL_POINTS = 15
CLOSED_CALLS_POINTS = -10
COMPOUND_MIN = 5  # letters of a stem that may match inside a compound

# The Land assumed where none is given (the pure functions' default; regions name theirs in
# Region.land).
DEFAULT_LAND = "Nordrhein-Westfalen"

LAENDER = tuple(Land.values)
LAND_ABBREVIATIONS = {"nrw": "Nordrhein-Westfalen"}
NATIONWIDE = re.compile(
    r"(?<![\w-])(bundesweit\w*|deutschland|bundesgebiet|bund|eu|europa\w*|europaeische union)"
    r"(?![\w-])"
)

# Small German stopword list (folded: lower case, umlauts as ae/oe/ue, ß as ss).
STOPWORDS = frozenset(
    """
    aber alle allen aller alles als also am an auch auf aus bei beim bis bzw da damit dann
    das dass dem den denen der des die dies diese diesem diesen dieser dieses doch durch ein
    eine einem einen einer eines er es etwa fuer gegen hat haben ihr ihre ihrem ihren ihrer
    im in ins ist je kann koennen man mehr mit nach neben nicht noch nur ob oder ohne sein
    seine sich sie sind so sowie ueber um und unter vom von vor wie wir wird werden wurde
    zu zum zur zwischen
    """.split()
)
# Words every project of a digitalisation strategy, or every funding text, uses: no signal.
DOMAIN_WORDS = """
    digital Digitalisierung Projekt Projekte Ziel Ziele Strategie Strategien Maßnahmen
    Umsetzung Entwicklung gestalten Gestaltung kommunal kommunale Kommune Kommunen fördern
    gefördert Förderung Förderaufruf Förderprogramm Programm Aufruf Modellprojekt
    Modellprojekte Modellvorhaben Phase Vorhaben
"""

WORD = re.compile(r"[^\W_]+")
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

_stemmer = snowballstemmer.stemmer("german")


def fold(text: str) -> str:
    """Lower case with umlauts written out and ß as ss: "Thüringen" -> "thueringen"."""
    return text.casefold().translate(UMLAUTS)


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball stem of a German word, umlauts folded ("Mobilität" -> "mobilitat")."""
    stemmed = _stemmer.stemWord(word.casefold())
    return stemmed.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")


DOMAIN_STEMS = frozenset(stem(word) for word in DOMAIN_WORDS.split())


def stems(text: str) -> dict[str, str]:
    """The stems of a text's words (stopwords dropped), each with its first original word."""
    found: dict[str, str] = {}
    for word in WORD.findall(text or ""):
        if len(word) < 2 or word.isdigit() or fold(word) in STOPWORDS:
            continue
        key = stem(word)
        if key and key not in DOMAIN_STEMS and key not in STOPWORDS:
            found.setdefault(key, word)
    return found


def keyword_phrases(keywords: str) -> list[str]:
    """The keywords field: phrases separated by commas, semicolons or new lines."""
    return [p.strip() for p in re.split(r"[,;\n]", keywords or "") if p.strip()]


def related(keyword_stem: str, text_stem: str) -> bool:
    """The same stem, or a compound of the text that starts or ends with the keyword's (a
    keyword of five letters or more: "Glasfaser" finds "Glasfaserausbau")."""
    if keyword_stem == text_stem:
        return True
    return len(keyword_stem) >= COMPOUND_MIN and (
        text_stem.startswith(keyword_stem) or text_stem.endswith(keyword_stem)
    )


# -- the facts compared ---------------------------------------------------------------------


@dataclass(frozen=True)
class CallFacts:
    opens_at: datetime.datetime | None
    deadline: datetime.datetime

    def status_at(self, moment: datetime.datetime) -> str:
        return call_status(self.opens_at, self.deadline, moment)


@dataclass(frozen=True)
class ProgrammeFacts:
    pk: int
    slug: str
    name: str
    published: bool = True
    fields: dict[int, str] = default(default_factory=dict)  # field id -> name
    applicant_types: tuple[str, ...] = ()
    funding_region: str = ""
    calls: tuple[CallFacts, ...] = ()
    keyword_stems: dict[str, str] = default(default_factory=dict)  # from the keywords field
    text_stems: dict[str, str] = default(default_factory=dict)  # name, summary, Förderbereich

    @property
    def sort_key(self):
        return (self.name.casefold(), self.pk)


@dataclass(frozen=True)
class ProjectFacts:
    pk: int
    title: str
    label: str  # "P5: Lernen 12.0"
    published: bool = True
    field_id: int | None = None
    field_name: str = ""
    carrier: str = ApplicantType.DISTRICT
    text_stems: dict[str, str] = default(default_factory=dict)

    @property
    def sort_key(self):
        return (self.title.casefold(), self.pk)


def programme_facts(programme: Programme, *, calls=(), fields=()) -> ProgrammeFacts:
    """The facts of a programme, its calls and fields of action given (no query)."""
    keywords: dict[str, str] = {}
    for phrase in keyword_phrases(programme.keywords):
        for key, word in stems(phrase).items():
            keywords.setdefault(key, word)
    text = " ".join((programme.name, programme.summary, programme.funding_area))
    return ProgrammeFacts(
        pk=programme.pk,
        slug=programme.slug,
        name=programme.name,
        published=programme.published,
        fields={f.pk: f.name for f in fields},
        applicant_types=tuple(programme.applicant_types or ()),
        funding_region=programme.funding_region,
        calls=tuple(CallFacts(c.opens_at, c.deadline) for c in calls),
        keyword_stems=keywords,
        text_stems={k: w for k, w in stems(text).items() if k not in keywords},
    )


DISTRICT_LEAD = re.compile(r"^\s*(land)?kreis(verwaltung)?\b", re.IGNORECASE)


def carrier(*, town_count: int, lead: str = "", region_name: str = "") -> str:
    """Who would apply for the project: the district when no town takes part or when its
    Kümmerer is the district ("Kreis Coesfeld"), one town, or several towns together."""
    if town_count == 0 or DISTRICT_LEAD.match(lead or ""):
        return ApplicantType.DISTRICT
    if region_name and fold(region_name) in fold(lead or ""):
        return ApplicantType.DISTRICT
    return ApplicantType.TOWN if town_count == 1 else ApplicantType.COOPERATION


def project_facts(project, *, town_count: int, region_name: str = "", field_of_action=None):
    """The facts of a project; its field of action (or None) given (no query)."""
    text = " ".join((project.title, project.summary, project.description, project.central_benefit))
    return ProjectFacts(
        pk=project.pk,
        title=project.title,
        label=str(project),
        published=project.published,
        field_id=field_of_action.pk if field_of_action is not None else None,
        field_name=field_of_action.name if field_of_action is not None else "",
        carrier=carrier(town_count=town_count, lead=project.lead, region_name=region_name),
        text_stems=stems(text),
    )


# -- signals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    signal: str  # field, keywords, applicant, region, call
    text: str
    points: int


@dataclass(frozen=True)
class Match:
    programme: ProgrammeFacts
    project: ProjectFacts
    score: int
    reasons: tuple[Reason, ...]
    topical: bool  # field or keywords fit
    exclusion: str = ""  # why the programme cannot be used, "" when it can

    @property
    def fits(self) -> bool:
        return self.topical and not self.exclusion


@dataclass(frozen=True)
class Ranking:
    matches: list[Match]  # fitting, best first
    excluded: list[Match]  # fitting by topic, but excluded by the rules; by name


# Who may apply for a project of each carrier (Kreise are Gemeindeverbände).
ELIGIBLE = {
    ApplicantType.DISTRICT: (ApplicantType.DISTRICT, ApplicantType.ASSOCIATION),
    ApplicantType.TOWN: (ApplicantType.TOWN,),
    ApplicantType.COOPERATION: (ApplicantType.COOPERATION,),
}


def carrier_text(value: str) -> str:
    return {
        ApplicantType.DISTRICT: _("der Kreis"),
        ApplicantType.TOWN: _("eine Stadt oder Gemeinde"),
        ApplicantType.COOPERATION: _("mehrere Kommunen gemeinsam"),
    }[value]


def applicant_label(value: str) -> str:
    known = dict(ApplicantType.choices)
    return str(known.get(value, value))


def applicant_signal(project: ProjectFacts, programme: ProgrammeFacts):
    """(reason or None, exclusion text or "")."""
    if not programme.applicant_types:
        return None, ""
    for kind in ELIGIBLE[project.carrier]:
        if kind in programme.applicant_types:
            label = applicant_label(kind)
            text = _("%(who)s sind antragsberechtigt") % {"who": label[:1].upper() + label[1:]}
            return Reason("applicant", text, APPLICANT_POINTS), ""
    names = ", ".join(applicant_label(v) for v in programme.applicant_types)
    return None, _("Antragsberechtigt sind nur %(types)s (Träger des Projekts: %(who)s)") % {
        "types": names,
        "who": carrier_text(project.carrier),
    }


def laender_in(text: str) -> list[str]:
    """The Länder a Fördergebiet names ("Sachsen" is not found in "Niedersachsen")."""
    folded = fold(text or "")
    found = [
        land
        for land in LAENDER
        if re.search(rf"(?<![\w-]){re.escape(fold(land))}(?![\w-])", folded)
    ]
    for short, land in LAND_ABBREVIATIONS.items():
        if re.search(rf"(?<![\w-]){short}(?![\w-])", folded) and land not in found:
            found.append(land)
    return found


def region_signal(programme: ProgrammeFacts, land: str | None):
    """(reason or None, exclusion text or "")."""
    area = " ".join(programme.funding_region.split())
    if not area:
        return None, ""
    named = laender_in(area)
    text = _("Fördergebiet: %(area)s") % {"area": area}
    if land and land in named:
        return Reason("region", text, HOME_LAND_POINTS), ""
    if named and land:
        return None, _("Fördergebiet %(area)s liegt nicht in %(land)s") % {
            "area": area,
            "land": land,
        }
    if NATIONWIDE.search(fold(area)):
        return Reason("region", text, NATIONWIDE_POINTS), ""
    return None, ""


def call_signal(programme: ProgrammeFacts, now: datetime.datetime) -> Reason | None:
    if not programme.calls:
        return None
    by_status: dict[str, list[CallFacts]] = {}
    for call in programme.calls:
        by_status.setdefault(call.status_at(now), []).append(call)
    if CallStatus.OPEN in by_status:
        call = min(by_status[CallStatus.OPEN], key=lambda c: c.deadline)
        text = _("Aufruf offen bis %(deadline)s") % {"deadline": deadline_text(call.deadline)}
        return Reason("call", text, OPEN_CALL_POINTS)
    if CallStatus.FORTHCOMING in by_status:
        call = min(by_status[CallStatus.FORTHCOMING], key=lambda c: c.opens_at)
        day = formats.date_format(timezone.localtime(call.opens_at), "d.m.Y")
        text = _("Aufruf angekündigt ab %(day)s") % {"day": day}
        return Reason("call", text, FORTHCOMING_CALL_POINTS)
    last = max(programme.calls, key=lambda c: c.deadline)
    text = _("Nur abgelaufene Aufrufe, zuletzt bis %(deadline)s") % {
        "deadline": deadline_text(last.deadline)
    }
    return Reason("call", text, CLOSED_CALLS_POINTS)


def keyword_signal(project: ProjectFacts, programme: ProgrammeFacts) -> Reason | None:
    keywords = [
        word
        for key, word in programme.keyword_stems.items()
        if any(related(key, other) for other in project.text_stems)
    ]
    words = [word for key, word in programme.text_stems.items() if key in project.text_stems]
    if not keywords and len(words) < TEXT_WORDS_MIN:
        return None  # one shared word of a programme's description is chance
    points = min(KEYWORD_POINTS * len(keywords) + TEXT_WORD_POINTS * len(words), KEYWORDS_MAX)
    text = _("Schlagwörter: %(words)s") % {"words": ", ".join(keywords + words)}
    return Reason("keywords", text, points)


def match(
    project: ProjectFacts,
    programme: ProgrammeFacts,
    *,
    now: datetime.datetime,
    land: str | None = DEFAULT_LAND,
) -> Match:
    """How well a programme fits a project: score, reasons, and why not (if so)."""
    reasons: list[Reason] = []
    if project.field_id is not None and project.field_id in programme.fields:
        text = _("Handlungsfeld „%(field)s“ passt") % {"field": project.field_name}
        reasons.append(Reason("field", text, FIELD_POINTS))
    keywords = keyword_signal(project, programme)
    if keywords is not None:
        reasons.append(keywords)
    topical = bool(reasons)
    applicant, not_eligible = applicant_signal(project, programme)
    region, outside = region_signal(programme, land)
    call = call_signal(programme, now)
    reasons += [r for r in (applicant, region, call) if r is not None]
    return Match(
        programme=programme,
        project=project,
        score=sum(r.points for r in reasons),
        reasons=tuple(reasons),
        topical=topical,
        exclusion=not_eligible or outside,
    )


def _rank(found: list[Match], key) -> Ranking:
    matches = sorted((m for m in found if m.fits), key=lambda m: (-m.score, key(m)))
    excluded = sorted((m for m in found if m.topical and m.exclusion), key=key)
    return Ranking(matches, excluded)


def programmes_for_project(project: ProjectFacts, programmes, *, now, land=DEFAULT_LAND):
    """The programmes that fit a project, best first (ties by name), and those excluded."""
    found = [match(project, p, now=now, land=land) for p in programmes]
    return _rank(found, lambda m: m.programme.sort_key)


def projects_for_programme(programme: ProgrammeFacts, projects, *, now, land=DEFAULT_LAND):
    """The projects a programme fits, best first (ties by title), and those excluded."""
    found = [match(p, programme, now=now, land=land) for p in projects]
    return _rank(found, lambda m: m.project.sort_key)


# -- loaders (constant queries) -------------------------------------------------------------


def region_land(region) -> str | None:
    """The Bundesland of a region (Region.land), None when not set: then a programme limited
    to a Land neither scores nor is excluded for it."""
    return (getattr(region, "land", "") or None) if region is not None else None


def load_programmes(
    region, *, public: bool, pk: int | None = None, slug: str | None = None
) -> list[ProgrammeFacts]:
    """The region's programmes (published ones and their published calls and fields for the
    public) as facts: 3 queries for any number."""
    from digitalagentur.strategy.models import Field

    programmes = Programme.objects.filter(region=region)
    calls = Call.objects.filter(region=region).only("pk", "programme_id", "opens_at", "deadline")
    fields = Field.objects.only("pk", "name")
    if public:
        programmes = programmes.filter(published=True)
        calls = calls.filter(published=True)
        fields = fields.filter(published=True, strategy__published=True)
    if pk is not None:
        programmes = programmes.filter(pk=pk)
    if slug is not None:
        programmes = programmes.filter(slug=slug)
    programmes = programmes.prefetch_related(
        Prefetch("calls", queryset=calls, to_attr="matching_calls"),
        Prefetch("fields", queryset=fields, to_attr="matching_fields"),
    ).order_by("name", "pk")
    return [
        programme_facts(p, calls=p.matching_calls, fields=p.matching_fields) for p in programmes
    ]


def load_projects(region, *, public: bool, pk: int | None = None) -> list[ProjectFacts]:
    """The region's projects (published ones for the public) as facts: 2 queries."""
    from digitalagentur.portfolio.models import Participation, Project

    projects = Project.objects.filter(region=region)
    if public:
        projects = projects.filter(published=True)
    if pk is not None:
        projects = projects.filter(pk=pk)
    projects = (
        projects.select_related("field__strategy")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.only("pk", "project_id"),
                to_attr="matching_parts",
            )
        )
        .order_by("title", "pk")
    )
    found = []
    for project in projects:
        shown = project.field
        if shown is not None and public and not (shown.published and shown.strategy.published):
            shown = None
        found.append(
            project_facts(
                project,
                town_count=len(project.matching_parts),
                region_name=region.name,
                field_of_action=shown,
            )
        )
    return found


def matches_for_project(region, project_id: int, *, public: bool, now=None) -> Ranking | None:
    """The ranking of the region's programmes for one of its projects (None: no such
    project visible): 5 queries."""
    found = load_projects(region, public=public, pk=project_id)
    if not found:
        return None
    programmes = load_programmes(region, public=public)
    return programmes_for_project(
        found[0], programmes, now=now or timezone.now(), land=region_land(region)
    )


def matches_for_programme(
    region, programme_id: int | None = None, *, slug: str | None = None, public: bool, now=None
):
    """The ranking of the region's projects for one of its programmes, given by id or slug
    (None: no such programme visible): 5 queries."""
    found = load_programmes(region, public=public, pk=programme_id, slug=slug)
    if not found:
        return None
    projects = load_projects(region, public=public)
    return projects_for_programme(
        found[0], projects, now=now or timezone.now(), land=region_land(region)
    )
