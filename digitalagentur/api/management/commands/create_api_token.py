"""`digitalagentur create_api_token <username>`: print the user's API token (create it once)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Gibt den API-Token einer Benutzerin / eines Benutzers aus (legt ihn beim ersten Mal an)."
        " Verwendung im Kopf jeder Anfrage: Authorization: Token <Schlüssel>"
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Benutzername")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Vorhandenen Token verwerfen und einen neuen anlegen.",
        )

    @transaction.atomic
    def handle(self, *args, username, reset=False, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(f"Benutzer/in „{username}“ gibt es nicht.") from None
        if not user.is_active:
            raise CommandError(f"Benutzer/in „{username}“ ist deaktiviert.")
        if reset:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
