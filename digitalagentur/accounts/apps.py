from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "digitalagentur.accounts"
    label = "accounts"
    verbose_name = _("Konten und Anmeldung")

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the receivers)
