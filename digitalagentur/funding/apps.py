from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "digitalagentur.funding"
    label = "funding"
    verbose_name = "Fördermittel"
