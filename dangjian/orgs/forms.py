"""Forms of the organization page. They parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import Adjustment

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
TEXT = {"class": "form-control"}


def _text(label: str, *, required: bool = True, max_length: int = 200) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": f"请填写{label}"},
    )


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATE,
        error_messages={"required": f"请填写{label}", "invalid": f"{label}格式应为 YYYY-MM-DD"},
    )


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs=TEXT),
        error_messages={"invalid": f"{label}应为整数", "min_value": f"{label}至少为1"},
    )


class OrgMoveForm(forms.Form):
    """隶属关系调整: the new parent is chosen by code among the user's visible organizations."""

    prefix = "move"  # three forms share the page: keep their field ids apart

    new_parent = forms.ChoiceField(
        label="新上级组织",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": "请选择新上级组织",
            "invalid_choice": "所选上级组织不存在或不在您的管理范围内，请刷新页面后重试",
        },
    )
    changed_on = _date("调整日期")
    reason = _text("调整原因")
    doc_number = _text("文号", max_length=100)

    def __init__(self, *args, targets=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["new_parent"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "— 请选择 —")] + [
            (o.code, f"{'　' * (o.depth - 1)}{o.name}（{o.code}）") for o in targets
        ]


class ElectionForm(forms.Form):
    """换届选举 record."""

    prefix = "election"

    held_on = _date("选举日期")
    term_years = forms.IntegerField(
        label="任期年数",
        required=False,
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={**TEXT, "placeholder": "空白按组织类别默认"}),
        error_messages={
            "invalid": "任期年数应为整数",
            "min_value": "任期年数至少为1年",
            "max_value": "任期年数不超过10年",
        },
    )
    seats = _count("应选名额")
    candidates = _count("候选人数")
    adjustment = forms.ChoiceField(
        label="提前或延期",
        choices=Adjustment.choices,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    approval_doc = _text("批复文号", required=False, max_length=100)
    notes = _text("备注", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("seats") is None) != (data.get("candidates") is None):
            raise forms.ValidationError("应选名额和候选人数须同时填写")
        return data


class TermExtensionForm(forms.Form):
    """延期换届 approved by the upper level."""

    prefix = "extension"

    extended_to = _date("延期至")
    approved_on = _date("批准日期")
    doc_number = _text("批复文号", max_length=100)
    reason = _text("延期原因")
