"""Removing a category of a draft scheme from the web; a published scheme keeps its categories."""

from django.contrib.contenttypes.models import ContentType

from dangjian.assessment.models import Category, Indicator
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase

from .helpers import build_scheme


class CategoryRemoveTests(BaseTestCase):
    def test_staff_remove_a_draft_category_with_its_indicators_on_the_trail(self):
        draft = build_scheme(self.w, publish=False)
        category = draft.categories.get(name="组织生活")
        self.login_as(self.w.staff)
        page = self.client.get(f"/assessment/{draft.pk}/")
        self.assertContains(page, f"/assessment/categories/{category.pk}/delete/")
        response = self.client.post(f"/assessment/categories/{category.pk}/delete/", follow=True)
        self.assertContains(response, "已删除类目“组织生活”及其 3 项指标。")
        self.assertFalse(Category.objects.filter(pk=category.pk).exists())
        self.assertFalse(Indicator.objects.filter(category__scheme=draft, name="三会一课").exists())
        self.assertEqual(draft.categories.count(), 2)
        deleted = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Category), object_pk=str(category.pk), event="delete"
        )
        self.assertEqual(deleted.count(), 1)
        self.assertEqual(deleted.get().actor, self.w.staff)

    def test_a_published_schemes_category_stays_and_the_page_offers_no_removal(self):
        scheme = build_scheme(self.w)
        category = scheme.categories.get(name="组织生活")
        self.login_as(self.w.staff)
        self.assertNotContains(self.client.get(f"/assessment/{scheme.pk}/"), "删除类目")
        response = self.client.post(f"/assessment/categories/{category.pk}/delete/", follow=True)
        self.assertContains(response, "方案已发布，不能再修改")
        self.assertEqual(category.indicators.count(), 3)

    def test_an_org_admin_cannot_remove_a_category(self):
        draft = build_scheme(self.w, publish=False)
        category = draft.categories.first()
        assert category is not None
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.post(f"/assessment/categories/{category.pk}/delete/").status_code, 404)
        self.assertTrue(Category.objects.filter(pk=category.pk).exists())
