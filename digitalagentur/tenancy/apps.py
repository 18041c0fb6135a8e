from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "digitalagentur.tenancy"
    label = "tenancy"

    def ready(self):
        from . import content

        content.connect()
