from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "digitalagentur.staff"
    label = "staff"
