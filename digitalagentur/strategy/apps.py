from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "digitalagentur.strategy"
    label = "strategy"
