"""The brand module's forms: plain fields; the services check the rules and the files."""

from __future__ import annotations

from typing import Any

from django import forms

from dangjian.accounts.models import User
from dangjian.core.web import BootstrapForm, DateInput, OrgChoiceField

from .models import Batch, Brand, ExchangeKind, Outcome, StageKind

TEXTAREA = {"rows": 4}


class BrandForm(BootstrapForm):
    name = forms.CharField(label="品牌名称", max_length=40)
    slogan = forms.CharField(label="品牌口号", max_length=60, required=False)
    meaning = forms.CharField(
        label="品牌内涵",
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        help_text="品牌的核心理念，与本单位职能和党建工作的结合点。",
    )
    vehicle = forms.CharField(
        label="品牌载体",
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        help_text="品牌依托的活动、阵地、机制。",
    )
    impact = forms.CharField(
        label="品牌成效",
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        help_text="取得的成效、获得的荣誉、群众评价。",
    )
    logo = forms.FileField(
        label="品牌标识（Logo）",
        required=False,
        help_text="PNG 或 JPEG 图片，不超过 2 MB。",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    def __init__(self, *args: Any, orgs: Any = None, batches: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if orgs is not None:
            org = OrgChoiceField(queryset=orgs, label="申报党组织", empty_label="请选择党组织")
            batch = forms.ModelChoiceField(queryset=batches, label="申报批次", empty_label="请选择批次")
            for field in (org, batch):
                field.widget.attrs["class"] = "form-select"
            self.fields = {"org": org, "batch": batch, **self.fields}
        order = ("org", "batch", "name", "slogan", "logo", "meaning", "vehicle", "impact")
        self.fields = {name: self.fields[name] for name in order if name in self.fields}


class ReturnForm(BootstrapForm):
    comment = forms.CharField(label="退回修改意见", widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(BootstrapForm):
    file = forms.FileField(label="佐证材料", help_text="PDF、Word、WPS、PPT、Excel、文本或图片，不超过 20 MB。")


class PlanForm(BootstrapForm):
    name = forms.CharField(label="规划名称", max_length=100)
    starts_on = forms.DateField(label="开始日期", widget=DateInput())
    ends_on = forms.DateField(label="结束日期", widget=DateInput())
    description = forms.CharField(label="主要内容", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class StageForm(BootstrapForm):
    kind = forms.ChoiceField(label="阶段类别", choices=StageKind.choices)
    name = forms.CharField(label="阶段名称", max_length=60, required=False)
    starts_on = forms.DateField(label="开始日期", widget=DateInput())
    ends_on = forms.DateField(label="结束日期", widget=DateInput())


class BatchForm(BootstrapForm):
    name = forms.CharField(label="批次名称", max_length=60, initial="第一批")
    year = forms.IntegerField(label="年度", min_value=1921, max_value=2100)
    submit_by = forms.DateField(label="申报截止日期", widget=DateInput())


class ReviewerForm(BootstrapForm):
    user: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=User.objects.none(), label="评审专家（工委工作人员）"
    )
    title = forms.CharField(label="身份", max_length=60, required=False, help_text="如：组织部、党建专家")

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users
        field.widget.attrs["class"] = "form-select"


class ScoreForm(BootstrapForm):
    opinion = forms.CharField(label="评审意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, batch: Batch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rubric = {
            f"s_{key}": forms.CharField(
                label=f"{title}（满分 {most}）",
                required=False,
                widget=forms.NumberInput(attrs={"min": 0, "max": most, "step": "0.1", "class": "form-control"}),
            )
            for key, title, most in batch.rubric_items()
        }
        self.fields = {**rubric, **self.fields}
        self.rubric = batch.rubric_items()

    def parts(self) -> dict[str, Any]:
        return {key: self.cleaned_data.get(f"s_{key}") or "" for key, _, _ in self.rubric}


class VisitForm(BootstrapForm):
    visited_on = forms.DateField(label="考察日期", widget=DateInput())
    visitors = forms.CharField(label="考察人员", max_length=100)
    note = forms.CharField(label="考察情况", widget=forms.Textarea(attrs={"rows": 4}))


class ReevaluationForm(BootstrapForm):
    year = forms.IntegerField(label="复评年度", min_value=2000, max_value=2100)
    outcome = forms.ChoiceField(label="复评结论", choices=Outcome.choices)
    reasons = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 4}))
    probation_until = forms.DateField(label="整改期限（降级时）", widget=DateInput(), required=False)


class WithdrawForm(BootstrapForm):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 2}))


class BrandChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.org.name}“{obj.name}”"


class ExchangeForm(BootstrapForm):
    kind = forms.ChoiceField(label="类别", choices=ExchangeKind.choices)
    title = forms.CharField(label="活动名称", max_length=100)
    held_on = forms.DateField(label="举办日期", widget=DateInput())
    place = forms.CharField(label="地点", max_length=100)
    attendees = forms.IntegerField(label="参加人次", min_value=0)
    counts_in_training = forms.BooleanField(label="计入培训统计", required=False)
    presenters: forms.ModelMultipleChoiceField = BrandChoices(
        queryset=Brand.objects.none(),
        label="交流发言的品牌",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label="活动情况", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, brands: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["presenters"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = brands
