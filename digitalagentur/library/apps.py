from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "digitalagentur.library"
    label = "library"
    verbose_name = "Dokumentenbibliothek"
