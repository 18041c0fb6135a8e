from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "digitalagentur.assessment"
    label = "assessment"
    verbose_name = "Bedarfsanalyse"
