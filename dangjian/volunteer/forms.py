"""Forms of the volunteer pages. They parse and check shapes; the rules live in services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from dangjian.core.web import BootstrapForm, DateInput, DateTimeInput, OrgChoiceField, PersonChoiceField
from dangjian.orgs.models import Organization
from dangjian.orgs.picker import Scope
from dangjian.orgs.widgets import OrgPickerWidget
from dangjian.people.models import Member

from .models import ActivityKind, Brigade, Pairing, Team


def _datetime(label: str, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required, widget=DateTimeInput())


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The model choice field NAME of FORM, typed (self.fields holds plain Fields)."""
    return cast(forms.ModelChoiceField, form.fields[name])


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.brigade.name} · {obj.name}"


class ActivityForm(BootstrapForm):
    brigade = forms.ModelChoiceField(label="支队", queryset=Brigade.objects.none(), empty_label="请选择支队")
    team = TeamChoiceField(label="分队（可选）", queryset=Team.objects.none(), required=False)
    title = forms.CharField(label="活动名称", max_length=100)
    kind = forms.ChoiceField(label="活动类型", choices=ActivityKind.choices)
    pairing = forms.ModelChoiceField(
        label="结对共建协议（类型为结对共建时选择）", queryset=Pairing.objects.none(), required=False
    )
    place = forms.CharField(label="活动地点", max_length=200)
    starts_at = _datetime("开始时间")
    ends_at = _datetime("结束时间")
    signup_deadline = _datetime("报名截止时间（不填则为开始时间）", required=False)
    places = forms.IntegerField(label="招募人数", min_value=1)
    requirements = forms.CharField(label="参加要求", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    organizer = PersonChoiceField(label="负责人（不填则为支队长）", queryset=Member.objects.none(), required=False)

    def __init__(self, *args: Any, brigades: QuerySet[Brigade], organizers: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "brigade").queryset = brigades
        _choices(self, "team").queryset = Team.objects.filter(brigade__in=brigades).select_related("brigade")
        _choices(self, "pairing").queryset = Pairing.objects.filter(brigade__in=brigades).select_related("brigade")
        _choices(self, "organizer").queryset = organizers.select_related("org")


class AttendanceForm(BootstrapForm):
    checked_in_at = _datetime("签到时间", required=False)
    checked_out_at = _datetime("签退时间", required=False)


class HoursForm(BootstrapForm):
    hours = forms.DecimalField(label="服务时长（小时）", min_value=Decimal(0), max_digits=5, decimal_places=2)
    reason = forms.CharField(label="原因", max_length=200)


class ReasonForm(BootstrapForm):
    reason = forms.CharField(label="原因", max_length=200)


class CertificateIssueForm(BootstrapForm):
    year = forms.TypedChoiceField(label="证明期间", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["year"]).choices = [("", "全部服务记录")] + [
            (y, f"{y}年") for y in years
        ]

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        year = self.cleaned_data.get("year")
        if not year:
            return None, None
        return dt.date(year, 1, 1), dt.date(year, 12, 31)


class CorpsForm(BootstrapForm):
    name = forms.CharField(label="总队名称", max_length=100)
    leader = PersonChoiceField(label="总队长（证明上的负责人）", queryset=Member.objects.none(), required=False)
    handler_name = forms.CharField(label="证明经办人", max_length=50, required=False)
    contact_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    founded_on = _date("成立日期", required=False)

    def __init__(self, *args: Any, people: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "leader").queryset = people.select_related("org")


# Where a brigade may be founded: the organizations the user sees down to the third level (a
# committee's party committees and their branches); the view passes these, the search box offers them.
BRIGADE_HOSTS = Scope(max_depth=3)


class BrigadeCreateForm(BootstrapForm):
    org = OrgChoiceField(
        label="所属党组织",
        queryset=Organization.objects.none(),
        empty_label="请选择党组织",
        widget=OrgPickerWidget(scope=BRIGADE_HOSTS),
    )
    name = forms.CharField(label="支队名称", max_length=100)
    founded_on = _date("成立日期")

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "org").queryset = orgs
        self.fields["founded_on"].initial = timezone.localdate()


class BrigadeEditForm(BootstrapForm):
    name = forms.CharField(label="支队名称", max_length=100)
    leader = PersonChoiceField(label="支队长", queryset=Member.objects.none(), required=False)
    founded_on = _date("成立日期")
    dissolved_on = _date("撤销日期", required=False)

    def __init__(self, *args: Any, people: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "leader").queryset = people.select_related("org")


class TeamForm(BootstrapForm):
    name = forms.CharField(label="分队名称", max_length=100)
    leader = PersonChoiceField(label="分队长", queryset=Member.objects.none(), required=False)
    founded_on = _date("成立日期", required=False)

    def __init__(self, *args: Any, people: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "leader").queryset = people.select_related("org")


class TeamMemberForm(BootstrapForm):
    member = PersonChoiceField(label="人员", queryset=Member.objects.none(), empty_label="请选择人员")

    def __init__(self, *args: Any, people: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "member").queryset = people.select_related("org")


class PairingForm(BootstrapForm):
    brigade = forms.ModelChoiceField(label="支队", queryset=Brigade.objects.none(), empty_label="请选择支队")
    community = forms.CharField(label="共建社区", max_length=100)
    community_contact = forms.CharField(label="社区联系人", max_length=50, required=False)
    signed_on = _date("协议签订日期")
    ends_on = _date("协议到期日期", required=False)
    content = forms.CharField(label="共建内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, brigades: QuerySet[Brigade], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "brigade").queryset = brigades
