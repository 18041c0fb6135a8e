from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "digitalagentur.spaces"
    label = "spaces"
    verbose_name = "Landräume"
