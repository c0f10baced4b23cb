"""Forms of the evaluation pages: they parse fields; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from dangjian.core.web import BootstrapForm, DateInput, DateTimeInput, OrgChoiceField
from dangjian.orgs.widgets import OrgPickerWidget

from . import selectors
from .models import EvaluatorKind, Grade


class RoundForm(BootstrapForm):
    scope = OrgChoiceField(
        queryset=None, label="评议范围", help_text="所选组织及其下级党组织的书记参加述职", widget=OrgPickerWidget()
    )
    year = forms.IntegerField(label="年度", min_value=1921, max_value=2100)
    title = forms.CharField(label="评议名称", max_length=100)
    deadline = forms.DateTimeField(
        label="截止时间", widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="到时自动截止并计票；评议人的个人链接随之失效",
    )  # fmt: skip

    def __init__(self, *args: Any, scopes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scope"]
        assert isinstance(field, forms.ModelChoiceField) and isinstance(field.widget, OrgPickerWidget)
        field.queryset = scopes
        field.widget.scope = selectors.round_scopes()


class EvaluatorsForm(BootstrapForm):
    kind = forms.ChoiceField(label="身份", choices=EvaluatorKind.choices, initial=EvaluatorKind.MEMBER)
    names = forms.CharField(
        label="评议人姓名",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行一人；评议人无需账号，凭个人链接或二维码投票",
    )

    def name_list(self) -> list[str]:
        return [line.strip()[:50] for line in self.cleaned_data.get("names", "").splitlines() if line.strip()]


class ReportForm(BootstrapForm):
    text = forms.CharField(label="述职报告", required=False, widget=forms.Textarea(attrs={"rows": 12}))
    file = forms.FileField(label="附件（可选）", required=False, help_text="PDF、Word、WPS 或图片，不超过 20 MB")


class TalkForm(BootstrapForm):
    talked_on = forms.DateField(label="约谈日期", widget=DateInput())
    talked_by = forms.CharField(label="约谈人", max_length=100)
    content = forms.CharField(label="约谈内容", widget=forms.Textarea(attrs={"rows": 4}))
    rectification = forms.CharField(label="整改措施和情况", required=False, widget=forms.Textarea(attrs={"rows": 4}))


def ballot_grades(post: Any, subject_ids: list[int]) -> dict[int, str]:
    """The grades a ballot page posted (g<subject id>=<grade>); blank and unknown values are left out."""
    found: dict[int, str] = {}
    for sid in subject_ids:
        value = str(post.get(f"g{sid}", "")).strip()
        if value in Grade.values:
            found[sid] = value
    return found


class DeadlineForm(BootstrapForm):
    deadline = forms.DateTimeField(
        label="新的截止时间", widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="只能推后；评议人的个人链接随之延至新的截止时间",
    )  # fmt: skip


class SubjectAddForm(BootstrapForm):
    org = OrgChoiceField(queryset=None, label="增加述职的党组织", help_text="列入其现任书记；须在有人投票之前")

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = orgs
