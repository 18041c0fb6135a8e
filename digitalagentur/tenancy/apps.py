from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "digitalagentur.tenancy"
    label = "tenancy"
