"""The organization picker as a form field's widget: a select for a few, a search box for many."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from dangjian.core import tree
from dangjian.core.testing import assert_org_search_box, make_branches, make_org, search_vals
from dangjian.core.web import BootstrapForm, OrgChoiceField
from dangjian.orgs.models import Organization, OrgKind
from dangjian.orgs.picker import SELECT_MAX, Scope
from dangjian.orgs.widgets import OrgPickerWidget

from .helpers import OrgTestCase

BRANCHES_ONLY = Scope(exclude_kinds=(OrgKind.COMMITTEE, OrgKind.PARTY_COMMITTEE))


class PickForm(BootstrapForm):
    org = OrgChoiceField(label="组织", queryset=Organization.objects.none(), widget=OrgPickerWidget())

    def __init__(self, *args, orgs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]


class ByCodeForm(BootstrapForm):
    org = forms.ModelChoiceField(
        queryset=Organization.objects.none(), to_field_name="code", widget=OrgPickerWidget(scope=BRANCHES_ONLY)
    )


class PickerWidgetTests(OrgTestCase):
    def test_few_organizations_make_a_select_of_pks(self):
        html = str(PickForm(orgs=Organization.objects.filter(code__startswith="A"))["org"])
        self.assertIn('<select name="org"', html)
        self.assertIn(f'<option value="{self.w.branch_a1.pk}">', html)
        self.assertNotIn("市教育局", html)

    def test_many_make_a_search_box_holding_the_pk_and_showing_the_name(self):
        make_branches(self.w.org_a, SELECT_MAX)
        form = PickForm({"org": str(self.w.branch_b1.pk)}, orgs=Organization.objects.all())
        self.assertTrue(form.is_valid())
        html = str(form["org"])
        assert_org_search_box(self, html)
        self.assertIn(f'<input type="hidden" name="org" value="{self.w.branch_b1.pk}"', html)
        self.assertIn('id="id_org"', html)  # the label's for= finds the box
        self.assertIn('value="市教育局第一党支部"', html)
        self.assertEqual(search_vals(html), {"empty": "", "scope": "", "value": "pk"})

    def test_a_stale_choice_is_refused_in_chinese_and_the_box_marked(self):
        make_branches(self.w.org_a, SELECT_MAX)
        under_a = Organization.objects.filter(tree.subtree_q([self.w.org_a.path]))
        form = PickForm({"org": str(self.w.branch_b1.pk)}, orgs=under_a)
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["org"], ["所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"])
        html = str(form["org"])
        self.assertIn("form-control is-invalid", html)
        self.assertIn('aria-invalid="true"', html)
        self.assertNotIn("市教育局", html)  # not its name either
        mangled = PickForm({"org": "not-a-number"}, orgs=Organization.objects.all())
        self.assertFalse(mangled.is_valid())
        self.assertIn('value=""', str(mangled["org"]))  # no name in the box

    def test_a_field_of_codes_gets_codes_and_its_scope_rides_signed(self):
        make_branches(self.w.org_a, SELECT_MAX)
        form = ByCodeForm(initial={"org": "A01"})
        form.fields["org"].queryset = BRANCHES_ONLY.orgs(self.w.staff)  # type: ignore[attr-defined]
        html = str(form["org"])
        self.assertIn('<input type="hidden" name="org" value="A01"', html)
        vals = search_vals(html)
        self.assertEqual(vals["value"], "code")
        self.assertEqual(Scope.from_token(vals["scope"]), BRANCHES_ONLY)
        self.assertIsNone(Scope.from_token(vals["scope"][:-2] + "xx"))


class PickerScopeSearchTests(OrgTestCase):
    def test_the_search_offers_only_the_scopes_organizations_with_pks_when_asked(self):
        self.login_as(self.w.staff)
        html = self.client.get(
            reverse("orgs:pick"), {"q": "市财政局", "scope": BRANCHES_ONLY.token(), "value": "pk"}
        ).content.decode()
        self.assertIn(f'data-value="{self.w.branch_a1.pk}"', html)
        self.assertNotIn(f'data-value="{self.w.org_a.pk}"', html)  # a party committee: out of the scope
        self.assertNotIn('data-code="A"', html)

    def test_a_scope_of_other_roles_offers_where_the_user_holds_them(self):
        self.login_as(self.w.admin_a)
        writers = Scope(roles=("org_admin",))
        html = self.client.get(reverse("orgs:pick"), {"q": "党", "scope": writers.token()}).content.decode()
        self.assertIn('data-value="A01"', html)
        self.assertNotIn("市教育局", html)

    def test_a_forged_scope_finds_nothing(self):
        self.login_as(self.w.staff)
        make_org("X1", "另一工委", OrgKind.COMMITTEE)
        html = self.client.get(reverse("orgs:pick"), {"q": "党", "scope": "forged:token"}).content.decode()
        self.assertNotIn("data-value=", html)
