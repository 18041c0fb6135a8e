from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "digitalagentur.radar"
    label = "radar"
    verbose_name = "Technologie-Radar"
