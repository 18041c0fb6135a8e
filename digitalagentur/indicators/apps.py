from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "digitalagentur.indicators"
    label = "indicators"
    verbose_name = "Indikatoren"
