"""The forms of the dues pages: they parse; the services decide (refusals land on the fields)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from dangjian.core.web import BootstrapForm

from .models import Category, PayMethod

MONTH_CHOICES = [(m, f"{m}月") for m in range(1, 13)]


class BaseForm(BootstrapForm):
    category = forms.ChoiceField(label="人员类别", choices=Category.choices)
    base = forms.CharField(label="缴费基数（元/月）", max_length=20, help_text="在职填税后月收入，离退休填月养老金")


class PaymentForm(BootstrapForm):
    months = forms.TypedMultipleChoiceField(
        label="缴纳月份", choices=MONTH_CHOICES, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    amount = forms.CharField(label="实缴金额（元）", max_length=20, required=False, help_text="不填时按应缴金额登记")
    method = forms.ChoiceField(label="缴纳方式", choices=PayMethod.choices)
    paid_on = forms.DateField(label="缴纳日期")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"paid_on": timezone.localdate(), "method": PayMethod.WECHAT})
        super().__init__(*args, **kwargs)


class ExtraForm(BootstrapForm):
    amount = forms.CharField(label="自愿多交金额（元）", max_length=20)
    method = forms.ChoiceField(label="缴纳方式", choices=PayMethod.choices)
    paid_on = forms.DateField(label="缴纳日期")
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"paid_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class VoidForm(BootstrapForm):
    reason = forms.CharField(label="作废原因", max_length=200)


class RemittanceForm(BootstrapForm):
    first_month = forms.TypedChoiceField(label="起始月份", choices=MONTH_CHOICES, coerce=int)
    last_month = forms.TypedChoiceField(label="截止月份", choices=MONTH_CHOICES, coerce=int)
    amount = forms.CharField(label="上缴金额（元）", max_length=20)
    remitted_on = forms.DateField(label="上缴日期")
    to_org_name = forms.CharField(label="上缴至", max_length=100, required=False, help_text="不填时为上级党组织")
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"remitted_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class KeeperForm(BootstrapForm):
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label="收缴员账号", queryset=None, error_messages={
        "invalid_choice": "所选账号不存在或不是本组织党员的账号，请刷新页面后重新选择。"})  # fmt: skip

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users
        field.label_from_instance = lambda u: f"{u.display_name or u.username}（{u.username}）"  # type: ignore[method-assign,assignment]
