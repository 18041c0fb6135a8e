from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "digitalagentur.portfolio"
    label = "portfolio"
