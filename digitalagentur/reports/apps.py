from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "digitalagentur.reports"
    label = "reports"
    verbose_name = "Berichte"
