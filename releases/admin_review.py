"""The review queue in the releases' admin: its filters, the reasons column, the review
panel of the form (reasons in French, "Marquer comme relu") and the import warnings."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.typography import day, moment

from . import review
from .models import ImportRun
from .warning_labels import describe_warning

MARK_REVIEWED = "_mark_reviewed"  # the form's button


class ReviewFilter(admin.SimpleListFilter):
    title = "relecture"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("todo", "À relire"), ("done", "Relu")]

    def queryset(self, request, queryset):
        if self.value() == "todo":
            return queryset.needing_review()
        if self.value() == "done":
            return queryset.filter(reviewed_at__isnull=False)
        return queryset


class ReasonFilter(admin.SimpleListFilter):
    title = "motif de relecture"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return [(kind.code, kind.label) for kind in review.REASONS]

    def queryset(self, request, queryset):
        if self.value() in review.KINDS:
            return queryset.needing_review().with_review_reason(self.value())
        return queryset


class DateKnownFilter(admin.SimpleListFilter):
    title = "date connue"
    parameter_name = "dated"

    def lookups(self, request, model_admin):
        return [("yes", "Oui"), ("no", "Non")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(published__isnull=self.value() == "no")
        return queryset


class ImportRunFilter(admin.SimpleListFilter):
    """The releases an import created or last changed (the run's page links here)."""

    title = "import"
    parameter_name = "import_run"
    RUNS_LISTED = 10

    def lookups(self, request, model_admin):
        runs = list(ImportRun.objects.order_by("-started_at")[: self.RUNS_LISTED])
        chosen = self.value()
        if chosen and chosen.isdigit() and all(str(run.pk) != chosen for run in runs):
            runs += list(ImportRun.objects.filter(pk=chosen))
        return [(str(run.pk), str(run)) for run in runs]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(import_run=value) if value and value.isdigit() else queryset


def review_cell(release) -> str:
    """The list's column: waiting, with its reasons; reviewed, with when."""
    reasons = review.reasons_of(release)
    if review.is_waiting(release, reasons):
        items = format_html_join("", "<li>{}</li>", ((reason.short,) for reason in reasons))
        return format_html('<strong class="review-todo">À relire</strong><ul class="reasons">{}</ul>', items)
    if release.reviewed_at:
        return format_html(
            '<span class="review-done">Relu le {}</span>',
            day(timezone.localtime(release.reviewed_at).date()),
        )
    return mark_safe('<span class="review-none">Rien à relire</span>')


def review_panel(release) -> str:
    """The form's panel: why the release waits, and the button that clears it."""
    reasons = review.reasons_of(release)
    waiting = review.is_waiting(release, reasons)
    parts = []
    if reasons:
        items = format_html_join("", "<li>{}</li>", ((str(reason),) for reason in reasons))
        parts.append(format_html('<ul class="reasons">{}</ul>', items))
    if release.reviewed_at:
        who = release.reviewed_by.get_username() if release.reviewed_by else "un éditeur"
        when = moment(timezone.localtime(release.reviewed_at))
        parts.append(format_html("<p>Relu le {} par {}.</p>", when, who))
    if waiting:
        parts.insert(0, mark_safe('<p><strong class="review-todo">À relire.</strong></p>'))
        parts.append(
            format_html(
                '<p><button type="submit" name="{}" value="1" class="button default">Marquer comme relu'
                '</button> <span class="help">enregistre aussi vos modifications.</span></p>',
                MARK_REVIEWED,
            )
        )
    elif not reasons:
        parts.append(mark_safe("<p>Rien à relire.</p>"))
    return format_html_join("", "{}", ((part,) for part in parts))


def warnings_list(release) -> str:
    """Every import warning, in French (those that do not queue the release too)."""
    warned = [describe_warning(w) for w in release.warnings or []]
    if not warned:
        return "Aucun."
    return format_html(
        '<ul class="warnings">{}</ul>', format_html_join("", "<li>{}</li>", ((str(w),) for w in warned))
    )
