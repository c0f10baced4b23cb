"""Forms of the liaison pages: they parse fields; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from dangjian.core.web import BootstrapForm, OrgChoiceField, PersonChoiceField
from dangjian.orgs.widgets import OrgPickerWidget

from .selectors import VISITABLE


def _choices(form: forms.BaseForm, name: str, queryset: Any) -> forms.ModelChoiceField:
    """Point the model choice field NAME at QUERYSET (already scoped by the view)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    return field


class CadreChoiceField(PersonChoiceField):
    """All of them work in the committee's organ: the post says more than the organization."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.job_title}）" if obj.job_title else obj.name


class AttendeeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.org.name}）"


class PointForm(BootstrapForm):
    cadre = CadreChoiceField(queryset=None, label="联系干部", help_text="本工委机关的干部")
    org = OrgChoiceField(queryset=None, label="联系组织", widget=OrgPickerWidget(scope=VISITABLE))
    started_on = forms.DateField(label="开始日期")
    ended_on = forms.DateField(label="结束日期", required=False, help_text="空白表示长期联系")
    notes = forms.CharField(label="联系内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, cadres: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "cadre", cadres)
        _choices(self, "org", orgs)


class PointEditForm(BootstrapForm):
    started_on = forms.DateField(label="开始日期")
    ended_on = forms.DateField(label="结束日期", required=False, help_text="空白表示长期联系")
    notes = forms.CharField(label="联系内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class VisitForm(BootstrapForm):
    visited_on = forms.DateField(label="走访日期")
    found = forms.CharField(label="了解的情况和发现的问题", widget=forms.Textarea(attrs={"rows": 4}))
    advised = forms.CharField(label="提出的意见建议", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    followups = forms.CharField(
        label="需跟进的事项",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一项，办结前在联系点页面跟踪",
    )

    def followup_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("followups", "").splitlines() if line.strip()]


class FollowUpCloseForm(BootstrapForm):
    note = forms.CharField(label="办结情况", required=False, max_length=300)


class LectureForm(BootstrapForm):
    topic = forms.CharField(label="讲堂主题", max_length=200)
    lecturer = forms.CharField(label="主讲人", max_length=100, help_text="姓名及职务，如：市委党校 王明 教授")
    org = OrgChoiceField(queryset=None, label="走进组织", widget=OrgPickerWidget(scope=VISITABLE))
    held_on = forms.DateField(label="日期")
    place = forms.CharField(label="地点", max_length=200, required=False)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "org", orgs)


class AttendanceForm(BootstrapForm):
    members = AttendeeChoiceField(
        queryset=None,
        label="听讲人员",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "所选人员不在该组织的名册上，请刷新页面后重新选择。"},
    )

    def __init__(self, *args: Any, roster: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "members", roster)


class MaterialForm(BootstrapForm):
    file = forms.FileField(label="讲堂材料", required=False)


class RequestForm(BootstrapForm):
    org = OrgChoiceField(queryset=None, label="申请组织", widget=OrgPickerWidget(scope=VISITABLE))
    topic = forms.CharField(label="希望讲授的主题", max_length=200)
    notes = forms.CharField(
        label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="听众、希望的时间等"
    )

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "org", orgs)


class DeclineForm(BootstrapForm):
    reason = forms.CharField(label="不予安排的理由", max_length=300, required=False)
