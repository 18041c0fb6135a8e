from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "digitalagentur.core"
    label = "core"

    def ready(self):
        from django.core import checks

        from .checks import static_files_collected

        checks.register(static_files_collected)
