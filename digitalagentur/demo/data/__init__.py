"""The Coesfeld 12.0 demo as plain data, split by topic.

Every fact, name, date and figure comes from the source documents in ``shared/seeds/``:

* ``SV_2022`` – Kreis Coesfeld, Sitzungsvorlage SV-10-0671 of 18.08.2022 (seed 000)
* ``VORLAGE_COE`` – Stadt Coesfeld, Beschlussvorlage of 10.06.2021 (seed 001)
* ``ARTIKEL`` – article "Digitalisierung im Kreisverbund" (Kreis Coesfeld, seed 002)
* ``PRAESENTATION`` – presentation "Coesfeld 12.0" in the Havixbeck committee on
  04.03.2021 (seed 003)
* ``SV_2023`` – Kreis Coesfeld, Sitzungsvorlage SV-10-0968 for 14.09.2023 (seed 004)

Text the seeds do not give (the eight guiding principles) is marked as demo text in the data
(``guiding_principle_is_demo_text``). Dates the seeds give only as a month or a year are
stored as the first day of that period together with their precision (a season such as
"Sommermonate 2019": a day inside it, with year precision). Milestones have no
precision field: their "completed_on" is the latest day by which the seeds confirm them
reached, and their text quotes the source's own wording of the date.
"""

SV_2022 = "Kreis Coesfeld, Sitzungsvorlage SV-10-0671 vom 18.08.2022"
VORLAGE_COE = (
    "Stadt Coesfeld, Beschlussvorlage „Digitalisierungsstrategie für den Kreis Coesfeld“ "
    "vom 10.06.2021"
)
ARTIKEL = "Kreis Coesfeld, Artikel „Digitalisierung im Kreisverbund“"
PRAESENTATION = (
    "Präsentation „Coesfeld 12.0“ im Ausschuss für Wirtschaftsförderung, Digitalisierung, "
    "Regionales und Kultur der Gemeinde Havixbeck am 04.03.2021"
)
SV_2023 = "Kreis Coesfeld, Sitzungsvorlage SV-10-0968 für den Ausschuss am 14.09.2023"
