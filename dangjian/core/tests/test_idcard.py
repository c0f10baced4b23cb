import datetime as dt

from django.test import SimpleTestCase

from dangjian.core import idcard


class IdCardTests(SimpleTestCase):
    def test_it_accepts_the_standard_example(self):
        self.assertEqual(idcard.validate("11010519491231002X"), "11010519491231002X")

    def test_it_accepts_a_lower_case_x(self):
        self.assertEqual(idcard.validate(" 11010519491231002x "), "11010519491231002X")

    def test_it_rejects_a_wrong_check_digit(self):
        with self.assertRaisesMessage(idcard.IdNumberError, "校验码错误（应为X）"):
            idcard.validate("110105194912310021")

    def test_it_rejects_a_wrong_length(self):
        with self.assertRaisesMessage(idcard.IdNumberError, "应为18位，实际为17位"):
            idcard.validate("11010519491231002")

    def test_it_rejects_letters_inside(self):
        with self.assertRaisesMessage(idcard.IdNumberError, "前17位须为数字"):
            idcard.validate("1101051949123A002X")

    def test_it_rejects_an_impossible_birth_date(self):
        first17 = "11010519490230002"
        with self.assertRaisesMessage(idcard.IdNumberError, "出生日期不存在"):
            idcard.validate(first17 + idcard.check_digit(first17))

    def test_it_rejects_a_birth_date_other_than_the_one_given(self):
        with self.assertRaisesMessage(idcard.IdNumberError, "（1949-12-31）与填写的出生日期（1950-01-01）不一致"):
            idcard.validate("11010519491231002X", dt.date(1950, 1, 1))

    def test_it_reads_gender_from_the_17th_digit(self):
        self.assertEqual(idcard.gender_of("11010519491231002X"), "F")
        first17 = "11010519491231001"
        self.assertEqual(idcard.gender_of(first17 + idcard.check_digit(first17)), "M")
