from django.test import SimpleTestCase, override_settings

from dangjian.core import crypto
from dangjian.core.masking import mask_id_number, mask_phone

NEW_KEY = crypto.generate_key()


class CryptoTests(SimpleTestCase):
    def test_it_round_trips_and_never_stores_plaintext(self):
        token = crypto.encrypt("11010519491231002X")
        self.assertNotIn("11010519491231002X", token)
        self.assertEqual(crypto.decrypt(token), "11010519491231002X")

    def test_it_decrypts_old_data_after_a_new_key_is_put_in_front(self):
        token = crypto.encrypt("13912345678")
        from django.conf import settings

        with override_settings(PII_KEYS=[NEW_KEY, *settings.PII_KEYS]):
            self.assertEqual(crypto.decrypt(token), "13912345678")

    def test_it_refuses_data_under_an_unknown_key(self):
        token = crypto.encrypt("13912345678")
        with override_settings(PII_KEYS=[NEW_KEY]):
            with self.assertRaisesMessage(ValueError, "无法解密"):
                crypto.decrypt(token)

    def test_the_digest_is_stable_and_keyed(self):
        self.assertEqual(crypto.digest("x"), crypto.digest("x"))
        self.assertNotEqual(crypto.digest("x"), crypto.digest("x", key=NEW_KEY))

    def test_it_masks_like_the_issue_says(self):
        self.assertEqual(mask_id_number("15010219901011123X"), "1501**********123X")
        self.assertEqual(mask_phone("13912345678"), "139****5678")
