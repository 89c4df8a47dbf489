"""The "Éditeurs" group: correct releases, offices, projects and people; delete none of
them (duplicates are merged, which can be undone); and permissions named in French."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation

GROUP = "Éditeurs"
PERMISSIONS = {
    "releases": {
        "release": ["view", "add", "change"],
        "releasecontact": ["view", "add", "change", "delete"],
        "quotedperson": ["view", "add", "change", "delete"],
        "importrun": ["view"],
    },
    "contacts": {
        "project": ["view", "add", "change"],
        "countryoffice": ["view", "add", "change"],
        "contactperson": ["view", "add", "change"],
        "merge": ["view"],
    },
}


def ensure_editors_group(Group, Permission):
    """The group with exactly these permissions on the portal's apps (others it may have
    been given, on other apps, stay); the permissions must exist. Takes the model
    classes: the real ones, or a migration's historical ones."""
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, models in PERMISSIONS.items():
        wanted = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        of_app = Permission.objects.filter(content_type__app_label=app_label)
        group.permissions.remove(*of_app.exclude(codename__in=wanted))
        group.permissions.add(*of_app.filter(codename__in=wanted))
    return group


ACTIONS = {
    "add": "Peut ajouter des",
    "change": "Peut modifier les",
    "delete": "Peut supprimer les",
    "view": "Peut voir les",
}


def french_name(model, action: str) -> str:
    """ "Peut modifier les communiqués"; a history's rows: "… les versions de l’historique des …"."""
    instance_type = getattr(model, "instance_type", None)  # django-simple-history's historical models
    plural = str((instance_type or model)._meta.verbose_name_plural)
    if instance_type is not None:
        plural = f"versions de l’historique des {plural}"
    return f"{ACTIONS[action]} {plural}"[:255]


def name_permissions_in_french(app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """post_migrate, after Django created the permissions (in English: "Can add …")."""
    try:
        Permission = apps.get_model("auth", "Permission")
        ContentType = apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return
    with translation.override("fr"):
        for model in app_config.get_models():
            content_type = ContentType.objects.db_manager(using).filter(
                app_label=model._meta.app_label, model=model._meta.model_name
            )
            for action in model._meta.default_permissions:
                if action in ACTIONS:
                    Permission.objects.db_manager(using).filter(
                        content_type__in=content_type, codename=f"{action}_{model._meta.model_name}"
                    ).exclude(name=french_name(model, action)).update(name=french_name(model, action))
