from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "digitalagentur.network"
    label = "network"
    verbose_name = "Stellen der Digitalagentur"
