import getpass
import os
import secrets
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from core.editors import ensure_editors_group


class Command(BaseCommand):
    help = (
        "Crée (ou met à jour) un compte d’éditeur : accès à l’admin, groupe « Éditeurs ». "
        "Mot de passe : variable IOMNEWS_EDITOR_PASSWORD, sinon demandé, sinon généré et affiché."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        group = ensure_editors_group(Group, Permission)  # brought back if someone deleted it
        password = os.environ.get("IOMNEWS_EDITOR_PASSWORD")
        generated = False
        if not password and sys.stdin.isatty():
            password = getpass.getpass("Mot de passe : ")
        if not password:
            password, generated = secrets.token_urlsafe(12), True
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        user.is_staff = True
        user.email = email or user.email
        user.set_password(password)
        user.save()
        user.groups.add(group)
        self.stdout.write(f"Éditeur {'créé' if created else 'mis à jour'} : {username}")
        if generated:
            self.stdout.write(f"Mot de passe généré : {password}")
