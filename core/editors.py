"""The "Éditeurs" group: edit releases, offices, projects and people; never delete a release."""

GROUP = "Éditeurs"
PERMISSIONS = {
    "releases": {
        "release": ["view", "add", "change"],
        "releasecontact": ["view", "add", "change", "delete"],
        "quotedperson": ["view", "add", "change", "delete"],
        "importrun": ["view"],
    },
    "contacts": {
        "project": ["view", "add", "change", "delete"],
        "countryoffice": ["view", "add", "change", "delete"],
        "contactperson": ["view", "add", "change", "delete"],
    },
}


def ensure_editors_group(Group, Permission):
    """The group with its permissions, created or completed; the permissions must exist.
    Takes the model classes: the real ones, or a migration's historical ones."""
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
    return group
