"""Forms of the activity-room pages: they parse fields; the rules live in the services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from dangjian.core.web import BootstrapForm, DateInput, OrgChoiceField

from .models import ChecklistItem

PASS, FAIL, NOT_ASSESSED = "pass", "fail", "na"


class RoomForm(BootstrapForm):
    name = forms.CharField(label="名称", max_length=60, initial="党员活动室")
    location = forms.CharField(
        label="位置", max_length=120, widget=forms.TextInput(attrs={"placeholder": "如：办公楼 3 层 305 室"})
    )
    area_m2 = forms.DecimalField(
        label="使用面积（平方米）",
        max_digits=7,
        decimal_places=1,
        error_messages={"invalid": "使用面积应为数字（平方米）。", "max_digits": "使用面积过大。"},
    )
    manager_name = forms.CharField(label="管理人", max_length=40, required=False)

    def __init__(self, *args: Any, orgs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if orgs is not None:
            self.fields = {"org": OrgChoiceField(queryset=orgs, label="党组织", empty_label="请选择"), **self.fields}
            self.fields["org"].widget.attrs["class"] = "form-select"


class ItemForm(BootstrapForm):
    title = forms.CharField(label="检查项", max_length=60)
    description = forms.CharField(label="检查内容", max_length=300, required=False)
    required = forms.BooleanField(label="必备项（不合格即不达标）", required=False, initial=True)
    position = forms.IntegerField(label="序号", min_value=1, max_value=99, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos of one item; their content is checked by the service (core.uploads.clean_image)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = "image/png,image/jpeg"

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class InspectionForm(BootstrapForm):
    """The header of an inspection, and per item: verdict, note, photos, deadline and requirement."""

    held_on = forms.DateField(label="检查日期", widget=DateInput())
    inspectors = forms.CharField(label="检查人员", max_length=100)
    note = forms.CharField(label="总体意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, items: Sequence[ChecklistItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            choices = [(PASS, "合格"), (FAIL, "不合格")]
            if not item.required:
                choices.append((NOT_ASSESSED, "未检查"))
            self.fields[f"v_{item.key}"] = forms.ChoiceField(
                label=item.title,
                choices=choices,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"note_{item.key}"] = forms.CharField(label="说明", max_length=300, required=False)
            self.fields[f"photos_{item.key}"] = PhotosField(label="照片")
            self.fields[f"deadline_{item.key}"] = forms.DateField(label="整改期限", required=False, widget=DateInput())
            self.fields[f"requirement_{item.key}"] = forms.CharField(label="整改要求", max_length=300, required=False)
        # The mixin styled the header fields in __init__; the per-item fields come after it.
        for name, field in self.fields.items():
            if name.startswith(("note_", "deadline_", "requirement_", "photos_")):
                field.widget.attrs.setdefault("class", "form-control form-control-sm")

    def rows(self) -> list[dict[str, Any]]:
        """Per item, its bound fields (for the template)."""
        return [
            {
                "item": item,
                "verdict": self[f"v_{item.key}"],
                "note": self[f"note_{item.key}"],
                "photos": self[f"photos_{item.key}"],
                "deadline": self[f"deadline_{item.key}"],
                "requirement": self[f"requirement_{item.key}"],
            }
            for item in self.items
        ]
