"""The organization picker as a form widget (orgs.picker): a select when the field offers few
organizations, a search box when it offers many.

    org = OrgChoiceField(label="所属组织", queryset=..., widget=OrgPickerWidget(scope=Scope(exclude_kinds=...)))

The field's queryset (which the view passes, scoped to the user) decides between the two and checks
the choice; SCOPE tells the search box which organizations to offer, and should name the same ones
(a choice outside the queryset is refused with the field's message). The box submits what the field
expects: the pk, or the code for a field with to_field_name="code".
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from . import picker


class OrgPickerWidget(forms.Select):
    template_name = "orgs/widgets/org_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, scope: picker.Scope | None = None) -> None:
        super().__init__(attrs)
        self.scope = scope or picker.Scope()

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        field = getattr(self.choices, "field", None)
        queryset = getattr(self.choices, "queryset", None)
        if field is None or queryset is None or picker.fits_a_select(queryset):
            context = super().get_context(name, value, attrs)
            context["widget"]["search"] = False
            return context
        # Many: no options at all (Select would build one per organization).
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        selected = next(iter(widget["value"]), "")
        classes = str(widget["attrs"].get("class", "")).split()
        invalid = "is-invalid" in classes
        by = field.to_field_name or "pk"
        widget.update(
            search=True,
            selected=selected,
            selected_label=self._name_of(queryset, by, selected),
            id=widget["attrs"].get("id") or f"id_{name}",
            css="",
            box_css="is-invalid" if invalid else "",
            invalid=invalid,
            required=self.is_required,
            vals=json.dumps(
                {
                    "empty": "",  # no choice of none: emptying the box clears a field that may be left empty
                    "scope": self.scope.token(),
                    "value": "code" if by == "code" else "pk",
                },
                ensure_ascii=False,
            ),
        )
        return context

    @staticmethod
    def _name_of(queryset: Any, by: str, value: str) -> str:
        if not value:
            return ""
        try:
            return queryset.filter(**{by: value}).values_list("name", flat=True).first() or ""
        except (ValueError, TypeError, ValidationError):
            return ""  # a mangled value: no name, the field says why
