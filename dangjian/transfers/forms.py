"""Forms of the transfers pages: they parse fields; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from dangjian.core.web import BootstrapForm, OrgChoiceField, PersonChoiceField
from dangjian.orgs.widgets import OrgPickerWidget
from dangjian.people.models import Gender, Status

from .conf import TransfersSettings
from .selectors import PLACEABLE, RECEIVING

PARTY_STATUS_CHOICES = [(Status.FULL.value, Status.FULL.label), (Status.PROBATIONARY.value, Status.PROBATIONARY.label)]


def _choices(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class MemberSearchForm(forms.Form):
    q = forms.CharField(label="姓名或拼音首字母", required=False, max_length=50)


class OutLetterForm(BootstrapForm):
    member = PersonChoiceField(queryset=None, label="党员", widget=forms.HiddenInput)
    dest_name = forms.CharField(label="接收党组织", max_length=120, help_text="介绍信抬头：转往的党组织全称")
    dest_level = forms.CharField(
        label="接收党组织层级", max_length=60, required=False, help_text="如：省直机关工委、区委组织部、乡镇党委"
    )
    dest_contact = forms.CharField(label="接收党组织联系方式", max_length=120, required=False)
    reason = forms.CharField(label="转接原因", max_length=200, help_text="如：工作调动、退休回原籍、升学")
    issued_on = forms.DateField(label="开具日期")
    valid_days = forms.IntegerField(label="有效期（天）", min_value=1)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "member", members)
        self.fields["valid_days"].initial = TransfersSettings.current().validity_days


class ReceiptForm(BootstrapForm):
    receipt_on = forms.DateField(label="回执日期", help_text="接收党组织在回执上签署的日期")
    receipt_org_name = forms.CharField(label="接收党组织", max_length=120)


class ReasonForm(BootstrapForm):
    reason = forms.CharField(label="原因", max_length=200)


class InLetterForm(BootstrapForm):
    number = forms.CharField(label="介绍信编号", max_length=60)
    origin_name = forms.CharField(label="转出党组织", max_length=120)
    origin_contact = forms.CharField(label="转出党组织联系方式", max_length=120, required=False)
    received_on = forms.DateField(label="收到日期")
    org = OrgChoiceField(
        queryset=None, label="接收组织", help_text="介绍信抬头的本工委组织", widget=OrgPickerWidget(scope=RECEIVING)
    )
    name = forms.CharField(label="姓名", max_length=50)
    gender = forms.ChoiceField(label="性别", choices=[("", "按身份证号"), *Gender.choices], required=False)
    ethnicity = forms.CharField(label="民族", max_length=20, initial="汉族")
    birth_date = forms.DateField(label="出生日期")
    id_number = forms.CharField(label="身份证号", max_length=20)
    party_status = forms.ChoiceField(label="党员类别", choices=PARTY_STATUS_CHOICES)
    joined_party_on = forms.DateField(label="入党日期")
    phone = forms.CharField(label="手机号", max_length=20, required=False)
    reason = forms.CharField(label="转接原因", max_length=200, required=False)
    place_in = OrgChoiceField(
        queryset=None,
        label="编入党支部",
        required=False,
        help_text="可暂不选择，之后在介绍信页面编入",
        widget=OrgPickerWidget(scope=PLACEABLE),
    )

    def __init__(self, *args: Any, orgs: Any, branches: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "org", orgs)
        _choices(self, "place_in", branches)


class PlaceForm(BootstrapForm):
    branch = OrgChoiceField(queryset=None, label="编入党支部", widget=OrgPickerWidget(scope=PLACEABLE))
    placed_on = forms.DateField(label="编入日期")

    def __init__(self, *args: Any, branches: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "branch", branches)


class FlowForm(BootstrapForm):
    member = PersonChoiceField(queryset=None, label="党员", widget=forms.HiddenInput)
    place = forms.CharField(label="流动地点", max_length=120, help_text="所在城市或地点，如：北京市海淀区")
    employer = forms.CharField(label="工作单位", max_length=120, required=False)
    contact = forms.CharField(label="联系方式", max_length=120, required=False)
    since = forms.DateField(label="外出日期")
    expected_return = forms.DateField(label="预计返回日期", required=False)
    notes = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "member", members)


class FlowEndForm(BootstrapForm):
    returned_on = forms.DateField(label="返回日期")
