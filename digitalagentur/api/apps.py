from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "digitalagentur.api"
    label = "api"
