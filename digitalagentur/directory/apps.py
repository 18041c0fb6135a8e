from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "digitalagentur.directory"
    label = "directory"
