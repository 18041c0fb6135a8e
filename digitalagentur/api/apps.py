from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "digitalagentur.api"
    label = "api"

    def ready(self) -> None:
        from . import schema_extensions  # noqa: F401 (registers with drf-spectacular)
