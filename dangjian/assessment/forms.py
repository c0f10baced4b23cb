"""Forms of the assessment pages: they parse fields; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from dangjian.accounts.models import User
from dangjian.core import registry
from dangjian.core.web import BootstrapForm, DateInput

from .conf import EVALUATION_METRIC
from .models import Component, Grade, Rule, Source

NUMBER = {"invalid": "请填写数字。"}


class SchemeNewForm(BootstrapForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    copy = forms.BooleanField(label="复制上一年度方案（无则使用默认指标）", required=False, initial=True)


class SchemeForm(BootstrapForm):
    title = forms.CharField(label="方案名称", max_length=100)
    closing_on = forms.DateField(label="考核截止日期", widget=DateInput())
    weight_performance = forms.IntegerField(label="绩效考核权重（%）", min_value=0, max_value=100)
    weight_party = forms.IntegerField(label="党建考核权重（%）", min_value=0, max_value=100)
    weight_evaluation = forms.IntegerField(label="述职评议权重（%）", min_value=0, max_value=100)
    excellent_from = forms.DecimalField(label="优秀分数线", max_digits=5, decimal_places=1, error_messages=NUMBER)
    good_from = forms.DecimalField(label="良好分数线", max_digits=5, decimal_places=1, error_messages=NUMBER)
    fair_from = forms.DecimalField(label="一般分数线", max_digits=5, decimal_places=1, error_messages=NUMBER)
    room_gate_cap = forms.ChoiceField(
        label="活动室未达标时最高等次", choices=[("", "不限制"), *Grade.choices], required=False
    )
    election_gate_cap = forms.ChoiceField(
        label="换届超期时最高等次", choices=[("", "不限制"), *Grade.choices], required=False
    )
    notice_working_days = forms.IntegerField(label="公示期（工作日）", min_value=0, max_value=30)
    assessors = forms.ModelMultipleChoiceField(
        label="评分人员（工委工作人员）", queryset=User.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip

    def __init__(self, *args: Any, staff: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff is not None:
            self.fields["assessors"].queryset = staff  # type: ignore[attr-defined]


class CategoryForm(BootstrapForm):
    component = forms.ChoiceField(label="考核类别", choices=Component.choices)
    name = forms.CharField(label="类目名称", max_length=60)


def metric_choices() -> list[tuple[str, str]]:
    found = [(m.key, f"{m.label}（{m.key}）") for m in registry.metrics() if m.key != EVALUATION_METRIC]
    return [("", "请选择"), *found]


class IndicatorForm(BootstrapForm):
    name = forms.CharField(label="指标名称", max_length=100)
    description = forms.CharField(label="评分说明", max_length=300, required=False)
    weight = forms.DecimalField(label="权重（占本类考核 %）", max_digits=5, decimal_places=1, error_messages=NUMBER)
    max_points = forms.DecimalField(label="满分", max_digits=5, decimal_places=1, error_messages=NUMBER)
    source = forms.ChoiceField(label="数据来源", choices=Source.choices)
    rule = forms.ChoiceField(label="计分规则", choices=Rule.choices)
    metric_key = forms.ChoiceField(label="统计指标（自动取数）", required=False)
    target = forms.DecimalField(
        label="目标值（达到目标值得满分）", max_digits=10, decimal_places=2, required=False, error_messages=NUMBER
    )
    per_unit = forms.DecimalField(
        label="每项得分（每项计分）", max_digits=6, decimal_places=2, required=False, error_messages=NUMBER
    )
    per_member = forms.BooleanField(label="按党员人数平均（人均）", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metric_key"].choices = metric_choices()  # type: ignore[attr-defined]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several evidence files; their content is checked by the service (core.uploads.check_file)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class SelfMarkForm(BootstrapForm):
    points = forms.DecimalField(label="自评得分", max_digits=6, decimal_places=1, error_messages=NUMBER)
    note = forms.CharField(label="自评说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    files = FilesField(label="佐证材料（PDF、Office 文件、图片）")  # type: ignore[assignment]


class ObjectionForm(BootstrapForm):
    text = forms.CharField(label="异议内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(BootstrapForm):
    answer = forms.CharField(label="答复", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    score_change = forms.DecimalField(
        label="分数调整（可为负，0 为不调整）", max_digits=5, decimal_places=2, required=False, initial=0,
        error_messages=NUMBER,
    )  # fmt: skip


class ReviewForm(BootstrapForm):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[("accepted", "认可"), ("adjusted", "调整分数"), ("returned", "退回重填")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核结果。", "invalid_choice": "请选择审核结果（认可、调整或退回）。"},
    )
    points = forms.DecimalField(
        label="调整后得分", required=False, max_digits=6, decimal_places=1, error_messages=NUMBER
    )
    reason = forms.CharField(label="理由", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
