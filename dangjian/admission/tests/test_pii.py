"""An applicant's ID number is encrypted at rest and rotated with the roster's by rotate_pii_key."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import override_settings

from dangjian.admission.models import Case
from dangjian.core import crypto

from .helpers import AdmissionTestCase, adult_id


class PiiTests(AdmissionTestCase):
    def test_rotation_re_encrypts_the_applicants_id_numbers(self):
        case = self.open()
        new_key = crypto.generate_key()
        call_command("rotate_pii_key", f"--new-key={new_key}", stdout=io.StringIO())
        with override_settings(PII_KEYS=[new_key]):
            case = Case.objects.get(pk=case.pk)
            self.assertEqual(case.id_number, adult_id())
            self.assertEqual(case.id_number_digest, crypto.digest(adult_id()))
