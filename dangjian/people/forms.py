"""Forms of the roster pages. They parse input; the rules live in services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from dangjian.core.web import BootstrapForm, DateInput
from dangjian.orgs.models import Organization, Unit
from dangjian.orgs.widgets import OrgPickerWidget

from .models import CadreRank, Education, Gender, Member, PostTitle, Status
from .services import MemberData

STALE_ORG = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"


def _blank(label: str, choices: Any) -> list[tuple[str, str]]:
    return [("", label), *choices]


class MemberForm(BootstrapForm):
    """A person's record. New people choose their organization; a change of it is a transfer."""

    # Suggestions for the free-text field; the ethnic mix of a northern city comes first.
    ethnicity_options = (
        "汉族", "蒙古族", "回族", "满族", "达斡尔族", "鄂温克族",
        "鄂伦春族", "朝鲜族", "俄罗斯族", "锡伯族", "藏族", "壮族",
    )  # fmt: skip

    name = forms.CharField(label="姓名", max_length=50)
    gender = forms.ChoiceField(label="性别", choices=_blank("按身份证号判断", Gender.choices), required=False)
    ethnicity = forms.CharField(label="民族", max_length=20, initial="汉族")
    birth_date = forms.DateField(label="出生日期", widget=DateInput())
    id_number = forms.CharField(label="身份证号", max_length=20)
    phone = forms.CharField(label="手机号", max_length=20, required=False)
    education = forms.ChoiceField(label="学历", choices=_blank("（未填）", Education.choices), required=False)
    unit = forms.ModelChoiceField(
        label="工作单位", queryset=Unit.objects.none(), required=False, empty_label="（未填）"
    )
    job_title = forms.CharField(label="职务", max_length=100, required=False)
    cadre_rank = forms.ChoiceField(label="职级", choices=_blank("（未填）", CadreRank.choices), required=False)
    status = forms.ChoiceField(label="人员类别", choices=Status.choices)
    joined_party_on = forms.DateField(label="入党日期", required=False, widget=DateInput(), help_text="党员必填")
    org = forms.ModelChoiceField(
        label="所在组织",
        queryset=Organization.objects.none(),
        to_field_name="code",
        error_messages={"invalid_choice": STALE_ORG},
        widget=OrgPickerWidget(),
    )

    def __init__(
        self,
        *args: Any,
        member: Member | None = None,
        orgs: QuerySet[Organization] | None = None,
        units: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        self.member = member
        if member is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(member)
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        self.fields["ethnicity"].widget.attrs["list"] = "ethnicity-options"
        if member is None:
            cast(forms.ModelChoiceField, self.fields["org"]).queryset = (
                orgs if orgs is not None else Organization.objects.none()
            )
        else:
            # Moving someone is a transfer, with its own date and reason.
            del self.fields["org"]
            # The full numbers are never put in the page: blank keeps the stored ones.
            id_field = self.fields["id_number"]
            id_field.required = False
            id_field.help_text = f"当前：{member.id_number_masked}。留空则保持不变。"
            phone_field = self.fields["phone"]
            phone_field.help_text = (
                f"当前：{member.phone_masked}。留空则保持不变。" if member.phone_masked else "当前未登记。"
            )
            if member.phone_masked:
                self.fields["clear_phone"] = forms.BooleanField(label="删除已登记的手机号", required=False)
                self.fields["clear_phone"].widget.attrs["class"] = "form-check-input"

    def to_data(self) -> MemberData:
        """The cleaned fields as the services want them (stored numbers kept when left blank)."""
        c = self.cleaned_data
        member = self.member
        id_number = c["id_number"] or (member.id_number if member is not None else "")
        phone = c["phone"]
        if member is not None and not phone and not c.get("clear_phone"):
            phone = member.phone
        return MemberData(
            name=c["name"],
            gender=c["gender"],
            ethnicity=c["ethnicity"],
            birth_date=c["birth_date"],
            id_number=id_number,
            org=c["org"] if member is None else member.org,
            status=c["status"],
            phone=phone,
            education=c["education"],
            unit=c["unit"],
            job_title=c["job_title"],
            cadre_rank=c["cadre_rank"],
            joined_party_on=c["joined_party_on"],
        )


def initial_for(member: Member) -> dict[str, Any]:
    return {
        "name": member.name,
        "gender": member.gender,
        "ethnicity": member.ethnicity,
        "birth_date": member.birth_date,
        "education": member.education,
        "unit": member.unit_id,
        "job_title": member.job_title,
        "cadre_rank": member.cadre_rank,
        "status": member.status,
        "joined_party_on": member.joined_party_on,
    }


def _today() -> dt.date:
    return timezone.localdate()


class _IndentedOrgField(forms.ModelChoiceField):
    """Organizations indented below the shallowest one offered, so the tree reads in a plain select."""

    top = 1

    def label_from_instance(self, obj: Any) -> str:
        return "\u3000" * (obj.depth - self.top) + f"{obj.name}（{obj.code}）"


class TransferForm(BootstrapForm):
    to_org = _IndentedOrgField(
        label="转入组织",
        queryset=Organization.objects.none(),
        to_field_name="code",
        empty_label="请选择",
        error_messages={"invalid_choice": STALE_ORG},
        widget=OrgPickerWidget(),
    )
    transferred_on = forms.DateField(label="转接日期", widget=DateInput(), initial=_today)
    reason = forms.CharField(label="转接原因", max_length=200)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_org = cast(_IndentedOrgField, self.fields["to_org"])
        to_org.queryset = orgs
        to_org.top = min((o.depth for o in orgs), default=1)


class LeaveForm(BootstrapForm):
    """Taking someone off the roster for a reason other than a transfer (which has its own page)."""

    REASONS = (
        ("去世", "去世"),
        ("出党", "出党（开除党籍、除名）"),
        ("退党", "退党"),
        ("停止党籍", "停止党籍"),
        ("其他", "其他"),
    )

    reason = forms.ChoiceField(label="离开原因", choices=(("", "请选择"), *REASONS))
    left_on = forms.DateField(label="离开日期", widget=DateInput(), initial=_today)
    note = forms.CharField(label="说明", max_length=150, required=False, help_text="如：批准文号、去世日期等")

    def reason_text(self) -> str:
        c = self.cleaned_data
        return f"{c['reason']}：{c['note'].strip()}" if c["note"].strip() else c["reason"]


class PostAssignForm(BootstrapForm):
    org = forms.ModelChoiceField(
        label="任职组织",
        queryset=Organization.objects.none(),
        to_field_name="code",
        empty_label=None,
        error_messages={"invalid_choice": STALE_ORG},
    )
    title = forms.ChoiceField(label="党内职务", choices=PostTitle.choices)
    started_on = forms.DateField(label="任职日期", widget=DateInput(), initial=_today)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["org"]).queryset = orgs


class PostEndForm(BootstrapForm):
    ended_on = forms.DateField(label="免职日期", widget=DateInput(), initial=_today)
