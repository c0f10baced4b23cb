"""Forms of the publicity pages. They parse and check input; services write.

Built on dangjian.core.web: Bootstrap styling, the one date widget (ISO
YYYY-MM-DD whatever the locale); organizations are chosen with the kernel's picker (orgs.widgets).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from dangjian.core.web import BootstrapForm, DateInput, OrgChoiceField
from dangjian.orgs.picker import Scope
from dangjian.orgs.widgets import OrgPickerWidget

from . import permissions
from .conf import PublicitySettings
from .models import Article, Channel, ChannelKind, Column, SpecialPage

# The organizations a writer chooses among (单位 of an article, a report, a paper): those under the
# user's writing roles (the views pass permissions.orgs_for(user, WRITERS); the search box offers them).
WRITER_ORGS = Scope(roles=permissions.WRITERS)


def _model_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class ArticleForm(BootstrapForm):
    org = OrgChoiceField(label="来源单位", queryset=None, empty_label=None, widget=OrgPickerWidget(scope=WRITER_ORGS))
    column: forms.ModelChoiceField[Column] = forms.ModelChoiceField(
        label="专栏", queryset=None, empty_label="请选择专栏"
    )
    special_page: forms.ModelChoiceField[SpecialPage] = forms.ModelChoiceField(
        label="所属专版", queryset=None, required=False, empty_label="（不属于专版）"
    )
    title = forms.CharField(label="标题", max_length=120)
    page_title = forms.CharField(
        label="网页标题", max_length=160, required=False, help_text="浏览器标签和搜索结果中显示的标题；留空则用标题。"
    )
    author = forms.CharField(label="作者", max_length=60, required=False)
    summary = forms.CharField(label="摘要", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(
        label="正文",
        required=False,
        # data-rich-editor: publicity/editor.js puts the rich-text editor over it; without
        # JavaScript the textarea is the editor.
        widget=forms.Textarea(attrs={"rows": 16, "class": "form-control", "data-rich-editor": "quill"}),
        help_text=(
            "直接输入正文，也可从 Word 或网页粘贴：保存时只保留段落、标题、列表、表格、链接、图片等排版，"
            "字体、颜色等样式不保留，脚本和隐藏内容会被拒绝。"
        ),
    )

    def __init__(self, *args: Any, orgs: Any, columns: Any, special_pages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_field(self, "org").queryset = orgs
        _model_field(self, "column").queryset = columns
        _model_field(self, "special_page").queryset = special_pages

    @classmethod
    def initial_for(cls, article: Article) -> dict[str, Any]:
        return {
            "org": article.org_id,
            "column": article.column_id,
            "special_page": article.special_page_id,
            "title": article.title,
            "page_title": article.page_title,
            "author": article.author,
            "summary": article.summary,
            "body": article.body,
        }


class ImageForm(BootstrapForm):
    image = forms.FileField(label="图片", help_text="JPEG、PNG、GIF 或 WebP，按文件内容识别。")
    alt = forms.CharField(label="图片说明", max_length=120)


class CommentForm(BootstrapForm):
    comment = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 3}))


class OverrideForm(BootstrapForm):
    reason = forms.CharField(
        label="放行理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明为什么这些发现不是问题（例如：反赌宣传文章中引用的词语）。理由记入审计日志并在流转记录中显示。",
    )


class GateCheckForm(BootstrapForm):
    content = forms.CharField(
        label="待检查内容",
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-control font-monospace small"}),
        help_text="纯文本或 HTML。",
    )


class InfoReportForm(BootstrapForm):
    org = OrgChoiceField(label="报送单位", queryset=None, empty_label=None, widget=OrgPickerWidget(scope=WRITER_ORGS))
    title = forms.CharField(label="标题", max_length=120)
    author = forms.CharField(label="撰稿人", max_length=60, required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_field(self, "org").queryset = orgs


class AdoptForm(BootstrapForm):
    level = forms.ChoiceField(label="采用级别", choices=())
    adopted_on = forms.DateField(label="采用日期", widget=DateInput())
    adopted_in = forms.CharField(label="采用载体", max_length=120, required=False, help_text="如《机关党建信息》第12期")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "level").choices = [("", "请选择"), *PublicitySettings.current().adoption_levels]
        self.fields["adopted_on"].initial = timezone.localdate()


class PaperForm(BootstrapForm):
    org = OrgChoiceField(label="报送单位", queryset=None, empty_label=None, widget=OrgPickerWidget(scope=WRITER_ORGS))
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="标题", max_length=120)
    authors = forms.CharField(label="作者", max_length=120, required=False)
    summary = forms.CharField(label="摘要", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 14}), help_text="每段一行。")

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_field(self, "org").queryset = orgs
        self.fields["year"].initial = timezone.localdate().year


class AwardForm(BootstrapForm):
    level = forms.ChoiceField(label="获奖等次", choices=())
    name = forms.CharField(label="奖项名称", max_length=120, help_text="如 全区机关党建优秀案例")
    awarded_on = forms.DateField(label="获奖日期", widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "level").choices = [("", "请选择"), *PublicitySettings.current().award_levels]


class ChannelForm(BootstrapForm):
    kind = forms.ChoiceField(label="类型", choices=ChannelKind.choices)
    name = forms.CharField(label="名称", max_length=60)
    slug = forms.SlugField(label="网址标识", max_length=40, help_text="英文字母、数字和连字符，如 website")
    description = forms.CharField(label="简介", max_length=200, required=False)


class ColumnForm(BootstrapForm):
    name = forms.CharField(label="专栏名称", max_length=60)
    slug = forms.SlugField(label="网址标识", max_length=40)
    description = forms.CharField(label="简介", max_length=200, required=False)


class SpecialPageForm(BootstrapForm):
    channel: forms.ModelChoiceField[Channel] = forms.ModelChoiceField(label="渠道", queryset=None, empty_label=None)
    title = forms.CharField(label="专版主题", max_length=100)
    newspaper = forms.CharField(label="报纸", max_length=60)
    edition = forms.CharField(label="版次", max_length=30, required=False)
    occasion = forms.CharField(label="节点", max_length=30, required=False, help_text="如 七一、国庆")
    run_on = forms.DateField(label="刊发日期", widget=DateInput())

    def __init__(self, *args: Any, channels: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_field(self, "channel").queryset = channels


def column_label(column: Column) -> str:
    return str(column)


def special_page_label(page: SpecialPage) -> str:
    return str(page)
