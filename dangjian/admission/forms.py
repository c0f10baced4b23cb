"""Forms of the admission pages: they parse fields; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from dangjian.core.web import BootstrapForm, OrgChoiceField
from dangjian.core.web.forms import FilesField
from dangjian.orgs.widgets import OrgPickerWidget

from .models import Outcome, StepKind
from .selectors import BRANCHES
from .services import StepData

K = StepKind


FILES_HELP = "PDF、Word/WPS、Excel、图片或文本文件，类型按文件内容核验，单个文件不超过20 MB"


class CaseForm(BootstrapForm):
    org = OrgChoiceField(queryset=None, label="受理党支部", widget=OrgPickerWidget(scope=BRANCHES))
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(label="身份证号", max_length=18, help_text="18位公民身份号码，加密保存，页面只显示掩码")
    ethnicity = forms.CharField(label="民族", max_length=20, initial="汉族")
    applied_on = forms.DateField(label="递交入党申请书日期")
    files = FilesField(label="入党申请书（扫描件或电子版，可多份）", help_text=FILES_HELP)  # type: ignore[assignment]

    def __init__(self, *args: Any, branches: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = branches


class PeopleField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": "所选人员不存在或不在您的管理范围内，请刷新页面后重新选择。",
        "invalid_pk_value": "所选人员无效，请刷新页面后重新选择。",
    }

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.get_status_display()}，{obj.org.name}）"


NOTE_LABELS: dict[str, str] = {
    K.TALK: "谈话情况",
    K.OBSERVATION: "培养教育和考察情况",
    K.REVIEW: "政治审查结论",
    K.PROBATION_RECORD: "预备期教育考察情况",
}
DOCUMENT_LABELS: dict[str, str] = {
    K.ACTIVIST: "支委会会议记录",
    K.CANDIDATE: "支委会会议记录或备案文件",
    K.REVIEW: "政审材料",
    K.TRAINING: "培训班名称或结业证书编号",
    K.PRE_EXAM: "预审意见文号",
    K.NOTICE: "公示材料",
    K.VOTE: "支部大会决议",
    K.APPROVAL: "审批文号",
    K.CONVERSION: "支部大会决议及上级审批文号",
}

FILE_LABELS: dict[str, str] = {
    K.TALK: "谈话记录",
    K.ACTIVIST: "支委会会议记录、推荐材料",
    K.OBSERVATION: "培养考察登记表",
    K.REVIEW: "政审材料",
    K.TRAINING: "结业证书",
    K.SPONSORS: "入党介绍人意见",
    K.PRE_EXAM: "预审意见",
    K.NOTICE: "公示材料",
    K.VOTE: "支部大会决议、计票单扫描件",
    K.APPROVAL: "上级党委批复",
    K.OATH: "宣誓材料",
    K.PROBATION_RECORD: "预备期考察登记表",
    K.CONVERSION: "转正申请书、支部大会决议、计票单扫描件",
}


class StepForm(BootstrapForm):
    """The fields of one step: the date, its document and what that step records (see step_form)."""

    done_on = forms.DateField(label="日期")
    kind: str = ""

    def step_data(self) -> StepData:
        d = self.cleaned_data
        return StepData(
            document=d.get("document") or "",
            note=d.get("note") or "",
            people=list(d.get("people") or ()),
            days=d.get("days"),
            hours=d.get("hours"),
            eligible=d.get("eligible"),
            votes_for=d.get("votes_for"),
            votes_against=d.get("votes_against"),
            votes_abstain=d.get("votes_abstain"),
            outcome=d.get("outcome") or "",
            extension_months=d.get("extension_months"),
        )


def _fields_for(kind: str, people: Any) -> dict[str, forms.Field]:
    f: dict[str, forms.Field] = {}
    if kind in (K.ACTIVIST, K.SPONSORS):
        label = "培养联系人" if kind == K.ACTIVIST else "入党介绍人"
        f["people"] = PeopleField(
            queryset=people, label=label, widget=forms.CheckboxSelectMultiple, help_text="选两名正式党员"
        )
    if kind == K.TRAINING:
        f["days"] = forms.IntegerField(label="培训天数", required=False, min_value=0, max_value=365)
        f["hours"] = forms.IntegerField(label="培训学时", required=False, min_value=0, max_value=2000)
    if kind == K.CONVERSION:
        f["outcome"] = forms.ChoiceField(label="讨论结论", choices=Outcome.choices)
        f["extension_months"] = forms.IntegerField(
            label="延长月数", required=False, min_value=1, max_value=12, help_text="仅延长预备期时填写"
        )
    if kind in (K.VOTE, K.CONVERSION):
        f["eligible"] = forms.IntegerField(label="应到会有表决权的正式党员", min_value=1, max_value=1000)
        f["votes_for"] = forms.IntegerField(label="赞成", min_value=0, max_value=1000)
        f["votes_against"] = forms.IntegerField(label="反对", min_value=0, max_value=1000, initial=0)
        f["votes_abstain"] = forms.IntegerField(label="弃权", min_value=0, max_value=1000, initial=0)
    if kind in DOCUMENT_LABELS:
        f["document"] = forms.CharField(label=DOCUMENT_LABELS[kind], max_length=200, required=False)
    f["note"] = forms.CharField(
        label=NOTE_LABELS.get(kind, "备注"), required=kind in NOTE_LABELS, widget=forms.Textarea(attrs={"rows": 3})
    )
    f["files"] = FilesField(label=FILE_LABELS.get(kind, "材料（可多份）"), help_text=FILES_HELP)
    return f


def step_form(kind: str, *args: Any, people: Any = None, **kwargs: Any) -> StepForm:
    """A StepForm with the fields of the step KIND (PEOPLE: whom contacts or sponsors are picked from)."""
    cls = type(f"StepForm_{kind}", (StepForm,), {**_fields_for(kind, people), "kind": kind})
    return cls(*args, **kwargs)  # type: ignore[no-any-return]


class CorrectForm(BootstrapForm):
    """Correcting the last step: its date, content, document and files (the rest stays as recorded)."""

    done_on = forms.DateField(label="日期")
    document = forms.CharField(label="材料或文号", max_length=200, required=False)
    note = forms.CharField(label="内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    files = FilesField(label="补充材料（可多份）", help_text=FILES_HELP)  # type: ignore[assignment]
    remove_files = forms.TypedMultipleChoiceField(
        label="删除材料", required=False, coerce=int, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, files_on_step: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["remove_files"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(f.pk, f.name) for f in files_on_step]


class WithdrawForm(BootstrapForm):
    reason = forms.CharField(label="撤销原因", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
