"""`manage.py rotate_pii_key` re-encrypts every ID and phone number under a new key, in one transaction."""

import io

from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from dangjian.core import crypto
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase, MemberFactory
from dangjian.people.models import Member


class RotatePiiKeyTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        for i in range(8):
            MemberFactory(name=f"测试{i}", org=self.w.branch_a2, phone="" if i % 3 == 0 else f"1370000{i:04d}")
        self.originals = {m.pk: (m.id_number, m.phone) for m in Member.objects.all()}

    def rotate(self, *args):
        out = io.StringIO()
        call_command("rotate_pii_key", *args, stdout=out)
        return out.getvalue()

    def test_afterwards_everything_decrypts_with_the_new_key_alone(self):
        new_key = crypto.generate_key()
        output = self.rotate(f"--new-key={new_key}")
        self.assertIn(f"PII_KEYS={new_key}", output)
        with override_settings(PII_KEYS=[new_key]):
            for member in Member.objects.all():
                self.assertEqual((member.id_number, member.phone), self.originals[member.pk])
                self.assertEqual(member.id_number_digest, crypto.digest(member.id_number))

    def test_the_old_key_no_longer_reads_the_data(self):
        old_key = crypto._keys()[0]
        self.rotate()
        member = Member.objects.get(pk=self.w.person_a.pk)
        with self.assertRaises(InvalidToken):
            Fernet(old_key.encode()).decrypt(member.id_number_enc.encode())

    def test_it_generates_and_prints_a_key_when_none_is_given(self):
        output = self.rotate()
        line = next(x for x in output.splitlines() if x.startswith("PII_KEYS="))
        new_key = line.split("=", 1)[1]
        Fernet(new_key.encode())  # a valid key
        with override_settings(PII_KEYS=[new_key]):
            self.assertEqual(Member.objects.get(pk=self.w.person_a.pk).id_number, self.originals[self.w.person_a.pk][0])

    def test_a_value_that_does_not_decrypt_leaves_everything_as_it_was(self):
        broken = MemberFactory(name="损坏", org=self.w.branch_b1)
        Member.objects.filter(pk=broken.pk).update(phone_enc=Fernet(Fernet.generate_key()).encrypt(b"x").decode())
        before = dict(Member.objects.values_list("pk", "id_number_enc"))
        with self.assertRaisesMessage(CommandError, "已全部回滚"):
            self.rotate()
        self.assertEqual(dict(Member.objects.values_list("pk", "id_number_enc")), before)

    def test_it_is_recorded_without_the_keys(self):
        new_key = crypto.generate_key()
        self.rotate(f"--new-key={new_key}")
        entry = AuditEntry.objects.get(event="pii_key_rotated")
        self.assertNotIn(new_key, str(entry.additional_data))
        self.assertEqual(entry.additional_data["fields"]["people.Member.id_number_enc"], Member.objects.count())

    def test_a_bad_key_is_refused(self):
        with self.assertRaisesMessage(CommandError, "新密钥格式不正确"):
            self.rotate("--new-key", "not-a-key")
