"""What tests of the admin share: an editor logged in, and a change form sent back as a browser would."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command


@pytest.fixture
def editor(client):
    """An editor made by create_editor (group "Éditeurs"), logged in on `client`."""
    out = io.StringIO()
    call_command("create_editor", "edith", "--email", "edith@example.org", stdout=out)
    user = User.objects.get(username="edith")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Éditeurs").exists()
    client.force_login(user)
    return user


def change_form_data(response) -> dict:
    """What the browser would send back from an admin change form, unchanged."""

    def fields_of(form, prefix=""):
        values = {}
        for name in form.fields:
            value = form[name].value()  # already prepared for the widget, as rendered
            if value in (None, "", []):
                continue
            values[f"{prefix}{name}"] = value
            if form.fields[name].show_hidden_initial:  # the hidden "initial-" input a browser sends too
                values[form.add_initial_prefix(name)] = value
        return values

    data = fields_of(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(fields_of(formset.management_form, f"{formset.prefix}-"))
        for sub in formset.forms:
            data.update(fields_of(sub, f"{sub.prefix}-"))
    return data
