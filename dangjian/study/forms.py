"""Forms of the study pages. They parse and check fields; the rules live in the services.

Every date, time and date-time field uses core.web's one widget of its kind, so a default
date renders as YYYY-MM-DD (what a browser's date input needs) whatever the locale.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangjian.accounts.models import User
from dangjian.core.web import BootstrapForm, DateInput, OrgChoiceField, PersonChoiceField, TimeInput
from dangjian.orgs.models import Organization, OrgKind
from dangjian.orgs.picker import Scope
from dangjian.orgs.widgets import OrgPickerWidget
from dangjian.people.models import Member

from .models import Audience, GroupKind, MeetingKind, VenueKind
from .services.central_group import SpeakerIn


def _queryset_of(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """FORM's model-choice field NAME, typed so its queryset can be set."""
    return cast(forms.ModelChoiceField, form.fields[name])


# Who may hold a central group or a training class: any organization the user sees but a 党小组
# (the search box of the organization field offers the same ones).
HOSTS = Scope(exclude_kinds=(OrgKind.GROUP,))


class GroupForm(BootstrapForm):
    org = OrgChoiceField(label="所属组织", queryset=Organization.objects.none(), widget=OrgPickerWidget(scope=HOSTS))
    name = forms.CharField(label="中心组名称", max_length=100)
    kind = forms.ChoiceField(label="类别", choices=GroupKind.choices)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset_of(self, "org").queryset = orgs.exclude(kind__in=HOSTS.exclude_kinds).order_by("path")


class SessionForm(BootstrapForm):
    held_on = forms.DateField(label="学习日期", widget=DateInput())
    starts_at = forms.TimeField(label="开始时间", required=False, widget=TimeInput())
    hours = forms.DecimalField(
        label="学时",
        max_digits=4,
        decimal_places=1,
        initial=Decimal("2"),
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    topic = forms.CharField(label="学习主题", max_length=200)
    location = forms.CharField(label="地点", max_length=100, required=False)
    speakers = forms.CharField(
        label="主讲及交流发言",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "每行一人：姓名：发言题目"}),
        help_text="每行一人，格式“姓名：发言题目”；名册中的人员会自动关联。",
    )

    def speaker_list(self, people: QuerySet[Member]) -> list[SpeakerIn]:
        result = []
        for line in (self.cleaned_data.get("speakers") or "").splitlines():
            name, _, subject = line.replace(":", "：").partition("：")
            name = name.strip()
            if name:
                person = people.filter(name=name).first()
                result.append(SpeakerIn(name=name, subject=subject.strip(), person=person))
        return result


class SummaryForm(BootstrapForm):
    summary = forms.CharField(label="学习情况", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ObserverForm(BootstrapForm):
    users = forms.ModelMultipleChoiceField(
        label="列席人员（工委工作人员）", queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset_of(self, "users").queryset = users


class WriteupForm(BootstrapForm):
    writeup = forms.CharField(label="列席报告", min_length=20, widget=forms.Textarea(attrs={"rows": 8}))


class UploadForm(BootstrapForm):
    file = forms.FileField(label="文件")


class ClassForm(BootstrapForm):
    org = OrgChoiceField(label="主办组织", queryset=Organization.objects.none(), widget=OrgPickerWidget(scope=HOSTS))
    title = forms.CharField(label="培训班名称", max_length=200)
    audience = forms.ChoiceField(label="培训对象", choices=Audience.choices)
    venue_kind = forms.ChoiceField(label="培训场所", choices=VenueKind.choices)
    venue = forms.CharField(label="培训地点", max_length=200, required=False)
    starts_on = forms.DateField(label="开班日期", widget=DateInput())
    ends_on = forms.DateField(label="结业日期", widget=DateInput())
    starts_at = forms.TimeField(label="每日开始时间", initial="09:00", widget=TimeInput())
    hours = forms.DecimalField(
        label="总学时",
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("0.5"),
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    capacity = forms.IntegerField(label="名额", required=False, min_value=1, help_text="留空表示不限")
    self_signup = forms.BooleanField(
        label="允许自主报名", required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    signup_closes_on = forms.DateField(label="报名截止日期", required=False, widget=DateInput())
    description = forms.CharField(label="培训内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset_of(self, "org").queryset = orgs.exclude(kind__in=HOSTS.exclude_kinds).order_by("path")


class MeetingForm(BootstrapForm):
    kind = forms.ChoiceField(label="会议类型", choices=())
    held_on = forms.DateField(label="日期", widget=DateInput())
    starts_at = forms.TimeField(label="开始时间", required=False, widget=TimeInput())
    topic = forms.CharField(label="主题", max_length=200)
    location = forms.CharField(label="地点", max_length=100, required=False)
    chair = PersonChoiceField(label="主持人", queryset=Member.objects.none(), required=False)
    minutes = forms.CharField(label="会议记录", required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], chairs: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = kinds
        _queryset_of(self, "chair").queryset = chairs


KIND_CHOICES = [("", "全部类型"), *MeetingKind.choices]
