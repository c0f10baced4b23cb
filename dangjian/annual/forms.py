"""The annual report's forms: a new draft, the words of its sections, where to send it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone

from dangjian.core.web import BootstrapForm, OrgChoiceField
from dangjian.orgs.widgets import OrgPickerWidget

from .services import SectionData


class ReportNewForm(BootstrapForm):
    org = OrgChoiceField(label="组织（含下级）", queryset=None, widget=OrgPickerWidget())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year - 1


class ReportEditForm(BootstrapForm):
    """The title, then a heading and a paragraph template per section (heading_N, template_N)."""

    title = forms.CharField(label="报告标题", max_length=120)

    def __init__(self, *args: Any, sections: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count = len(sections)
        for i, s in enumerate(sections):
            self.fields[f"heading_{i}"] = forms.CharField(label=f"第{i + 1}部分标题", max_length=80, initial=s.heading)
            self.fields[f"template_{i}"] = forms.CharField(
                label=f"第{i + 1}部分段落",
                initial=s.template,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text="统计数字写作 {指标键}，如 {training.classes}；{指标键:change} 写与上年比较，"
                "{指标键:exact} 写精确数。",
            )
            for name in (f"heading_{i}", f"template_{i}"):
                self.fields[name].widget.attrs["class"] = "form-control"
        self.lines = [getattr(s, "line", "") for s in sections]

    def sections(self) -> list[SectionData]:
        data = self.cleaned_data
        return [
            SectionData(heading=data[f"heading_{i}"], template=data[f"template_{i}"], line=self.lines[i])
            for i in range(self.count)
        ]


class ReportSendForm(BootstrapForm):
    column: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="发布栏目",
        queryset=None,
        error_messages={
            "invalid_choice": "所选栏目不存在或您无权在其中发布，请刷新页面后重新选择。",
            "required": "请选择发布的栏目。",
        },
    )

    def __init__(self, *args: Any, columns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns  # type: ignore[attr-defined]
