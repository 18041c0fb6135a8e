from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "digitalagentur.core"
    label = "core"
