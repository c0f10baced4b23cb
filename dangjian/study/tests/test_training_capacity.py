from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from dangjian.core.errors import codes_of
from dangjian.core.testing import make_user
from dangjian.study.models import Enrolment, TrainingClass
from dangjian.study.services import training as services

from .helpers import StudyTestCase


class CapacityTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.others = self.people(self.w.branch_a1, 3)
        self.k = self.klass(capacity=2, self_signup=True)

    def test_members_sign_up_until_the_class_is_full(self):
        services.signup(klass=self.k, person=self.others[0], by=None)
        services.signup(klass=self.k, person=self.others[1], by=None)
        with self.assertRaisesMessage(ValidationError, "名额已满") as cm:
            services.signup(klass=self.k, person=self.others[2], by=None)
        self.assertEqual(codes_of(cm.exception), {"training_full"})
        self.k.refresh_from_db()
        self.assertEqual((self.k.enrolled, Enrolment.objects.count()), (2, 2))

    def test_a_stale_copy_of_the_class_cannot_overbook_it(self):
        # Two requests loaded the class when one place was left; the second one loses.
        services.signup(klass=self.k, person=self.others[0], by=None)
        first, second = TrainingClass.objects.get(pk=self.k.pk), TrainingClass.objects.get(pk=self.k.pk)
        services.signup(klass=first, person=self.others[1], by=None)
        self.assertEqual(second.enrolled, 1)  # it still believes a place is free
        with self.assertRaisesMessage(ValidationError, "名额已满") as cm:
            services.signup(klass=second, person=self.others[2], by=None)
        self.assertEqual(codes_of(cm.exception), {"training_full"})
        self.assertEqual(Enrolment.objects.count(), 2)

    def test_the_database_refuses_an_overbooked_count(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            TrainingClass.objects.filter(pk=self.k.pk).update(enrolled=3)

    def test_a_bulk_enrolment_larger_than_the_places_left_enrols_nobody(self):
        with self.assertRaisesMessage(ValidationError, "剩余 2 个名额，不能再报名 3 人") as cm:
            services.enrol(klass=self.k, people=self.others, by=self.w.admin_a)
        self.assertEqual(codes_of(cm.exception), {"training_few_places"})
        self.assertFalse(Enrolment.objects.exists())

    def test_withdrawing_frees_the_place(self):
        e = services.signup(klass=self.k, person=self.others[0], by=None)
        services.signup(klass=self.k, person=self.others[1], by=None)
        services.withdraw(enrolment=e, by=None)
        services.signup(klass=self.k, person=self.others[2], by=None)
        self.k.refresh_from_db()
        self.assertEqual(self.k.enrolled, 2)

    def test_signing_up_twice_is_refused(self):
        services.signup(klass=self.k, person=self.others[0], by=None)
        with self.assertRaisesMessage(ValidationError, "已报名") as cm:
            services.signup(klass=self.k, person=self.others[0], by=None)
        self.assertEqual(codes_of(cm.exception), {"training_already_enrolled"})

    def test_someone_outside_the_organizing_subtree_cannot_sign_up(self):
        self.assertIn("不在报名范围内", services.signup_problem(self.k, self.w.person_b, self.today))
        refusal = services.signup_refusal(self.k, self.w.person_b, self.today)
        self.assertEqual(codes_of(refusal) if refusal else set(), {"training_not_in_audience"})

    def test_the_sign_up_button_works_on_the_member_page(self):
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:open_classes"))
        self.assertContains(r, "党支部书记培训班")
        r = self.client.post(reverse("study:class_signup", args=[self.k.pk]), follow=True)
        self.assertContains(r, "报名成功")
        self.assertContains(r, "您已报名")

    def test_a_full_class_says_so_to_the_member(self):
        services.enrol(klass=self.k, people=self.others[:2], by=None)
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:class_detail", args=[self.k.pk]))
        self.assertContains(r, "名额已满")
        r = self.client.post(reverse("study:class_signup", args=[self.k.pk]), follow=True)
        self.assertContains(r, "名额已满，报名未成功")

    def test_administrators_enrol_in_bulk_by_roster_filters(self):
        big = self.klass(title="全员培训", capacity=None)
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("study:class_enrol", args=[big.pk]), {"org": "A01"})
        self.assertContains(r, "符合条件且尚未报名：4 人")
        r = self.client.post(reverse("study:class_enrol", args=[big.pk]), {"org": "A01"}, follow=True)
        self.assertContains(r, "已报名 4 人")
        big.refresh_from_db()
        self.assertEqual(big.enrolled, 4)

    def test_a_member_without_a_roster_record_cannot_sign_up(self):
        nobody = make_user("nobody")
        self.login_as(nobody)
        self.assertEqual(self.client.post(reverse("study:class_signup", args=[self.k.pk])).status_code, 404)
