"""Forms: Bootstrap styling, one date widget, organization and person pickers, service errors.

Forms parse and check fields; the rules live in services. A service refuses
with a ValidationError (often a core.errors.Refusal); `attach_errors` puts its
messages beside the fields they name and the rest above the form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's {field: [reason]} beside the fields; anything else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def error_text(error: ValidationError) -> str:
    """ERROR's messages as one line (for a flash message or an API answer)."""
    return "；".join(error.messages)


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- widgets -------------------------------------------------------------------


class DateInput(forms.DateInput):
    """The one date widget: a browser date picker, value always YYYY-MM-DD.

    A date input shows nothing for any other format (zh-Hans renders dates as
    2026/12/03), so the format is fixed here, not left to the locale.
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


# --- Bootstrap -----------------------------------------------------------------


def _css_for(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return ""
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class BootstrapFormMixin:
    """Bootstrap classes on every widget, `is-invalid` on fields with errors, dates as date pickers."""

    fields: dict[str, forms.Field]
    _errors: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, DateInput):
                field.widget = DateInput(attrs=field.widget.attrs)
            widget = field.widget
            css = _css_for(widget)
            existing = widget.attrs.get("class", "")
            if css and css not in existing.split():
                widget.attrs["class"] = f"{existing} {css}".strip()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        for name in self._errors or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = (widget.attrs.get("class", "") + " is-invalid").strip()


class BootstrapForm(BootstrapFormMixin, forms.Form):
    pass


class BootstrapModelForm(BootstrapFormMixin, forms.ModelForm):
    pass


# --- organization and person pickers --------------------------------------------


class OrgChoiceField(forms.ModelChoiceField):
    """An organization among the queryset the view passes (already scoped to the user),
    indented by depth. A stale or forged choice gets a clear message, not Django's."""

    default_error_messages = {
        "required": "请选择组织。",
        "invalid_choice": "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。",
    }

    def label_from_instance(self, obj: Any) -> str:
        return "\u3000" * max(0, obj.depth - 1) + obj.name


class OrgMultipleChoiceField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。",
        "invalid_pk_value": "所选组织无效，请刷新页面后重新选择。",
    }

    def label_from_instance(self, obj: Any) -> str:
        return "\u3000" * max(0, obj.depth - 1) + obj.name


class PersonChoiceField(forms.ModelChoiceField):
    """A person of the roster among the queryset the view passes (visible people only), with their organization."""

    default_error_messages = {
        "invalid_choice": "所选人员不存在或不在您的管理范围内，请刷新页面后重新选择。",
    }

    def label_from_instance(self, obj: Any) -> str:
        org = getattr(obj, "org", None)
        return f"{obj.name}（{org.name}）" if org is not None else obj.name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several uploaded files (optional): the form only collects them; the service checks their
    content with core.uploads.check_file, so a refusal is the same wherever a file is uploaded."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]
