"""The one form partial (core/_form.html) every app's form pages include."""

from django import forms
from django.template.loader import render_to_string
from django.test import SimpleTestCase

from dangjian.core.web import BootstrapForm


class _Form(BootstrapForm):
    title = forms.CharField(label="标题", max_length=10)
    notes = forms.CharField(label="说明", required=False, widget=forms.Textarea, help_text="可不填")
    public = forms.BooleanField(label="公开", required=False)


def _cell(html: str, name: str) -> str:
    """The column of the grid that holds field NAME."""
    start = html.rindex('<div class="col-12', 0, html.index(f'name="{name}"'))
    return html[start : html.index("</div>", html.index(f'name="{name}"'))]


class FormPartialTests(SimpleTestCase):
    def test_an_invalid_field_shows_its_reason_beside_it_and_says_nothing_was_saved(self):
        form = _Form(data={"title": "太长" * 10})
        self.assertFalse(form.is_valid())
        html = render_to_string("core/_form.html", {"form": form})
        self.assertIn("填写的内容有误，请按提示修改后重新提交。未保存任何修改。", html)
        self.assertIn('data-field-error="title"', html)
        self.assertIn("is-invalid", _cell(html, "title"))

    def test_a_refusal_above_the_form_is_shown_with_the_note_that_nothing_was_saved(self):
        form = _Form(data={"title": "好"})
        self.assertTrue(form.is_valid())
        form.add_error(None, "名额已满。")
        html = render_to_string("core/_form.html", {"form": form})
        self.assertIn("<div>名额已满。</div>", html)
        self.assertIn("未保存任何修改。", html)

    def test_text_areas_take_the_full_width_and_help_texts_show(self):
        html = render_to_string("core/_form.html", {"form": _Form()})
        self.assertNotIn("col-md-6", _cell(html, "notes"))
        self.assertIn("col-md-6", _cell(html, "title"))
        self.assertIn("可不填", html)
        self.assertIn('class="form-check', _cell(html, "public"))
        self.assertNotIn("alert-danger", html)
