from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "digitalagentur.demo"
    label = "demo"
