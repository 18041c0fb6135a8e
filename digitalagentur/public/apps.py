from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "digitalagentur.public"
    label = "public"
