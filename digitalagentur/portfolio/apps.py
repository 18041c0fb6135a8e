from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "digitalagentur.portfolio"
    label = "portfolio"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import activity, search

        activity.connect()

        # SQLite drops the search triggers whenever a migration rebuilds the project table.
        post_migrate.connect(search.ensure_search_index, sender=self)
