"""Names the platform knows (issue 15 §1): strings inserted into an organization's name."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import SimpleTestCase, TestCase, TransactionTestCase, override_settings

from dangjian.core import registry
from dangjian.core.testing import make_org
from dangjian.orgs.models import Organization, OrgKind, Unit
from dangjian.publicity import contentsec
from dangjian.publicity.contentsec.names import known_names

NAMES = ("市财政局", "市财政局机关党委", "市教育局第一党支部", "中共市财政局委员会", "市直机关工委")


def scan(text: str, names=NAMES) -> contentsec.ScanResult:
    return contentsec.scan(text, opts=contentsec.options(names=names), html=False)


def tampered(text: str, names=NAMES) -> list[tuple[str, str]]:
    return [(f.excerpt, f.message) for f in scan(text, names).findings if f.kind == "name_tampered"]


class NameTamperedTests(SimpleTestCase):
    def test_a_code_inside_a_name_is_reported_with_the_known_name(self):
        [(excerpt, message)] = tampered("市财政局js55机关党委召开会议")
        self.assertEqual(excerpt, "js55")
        self.assertIn("市财政局机关党委", message)

    def test_a_betting_word_inside_a_name_is_reported_with_the_known_name(self):
        [(excerpt, message)] = tampered("中共市财政局bet9委员会")
        self.assertEqual(excerpt, "bet9")
        self.assertIn("中共市财政局委员会", message)
        self.assertEqual(len(tampered("市教育局第一鼎盛娱乐城官网党支部")), 1)

    def test_a_name_none_of_the_known_ones_with_a_string_inserted(self):
        [(excerpt, message)] = tampered("市财政局鼎盛机关党委召开会议")
        self.assertEqual(excerpt, "鼎盛")
        self.assertIn("市财政局机关党委", message)

    def test_a_code_inside_the_name_of_an_unknown_organization(self):
        result = scan("市交通局xpj8455机关党委召开会议", names=())
        self.assertEqual([f.kind for f in result.findings], ["name_tampered"])

    def test_real_names_and_ordinary_differences_pass(self):
        for text in (
            "市财政局机关党委召开会议",
            "市教育局机关党委召开会议",
            "市财政局第二党支部召开会议",
            "中共市财政局委员会印发通知",
            "市财政局2023年度党委工作要点",
            "市财政局12371党支部",
            "市直属机关工委",
        ):
            with self.subTest(text=text):
                self.assertEqual(scan(text).findings, [])

    @override_settings(DANGJIAN={"contentsec": {"upper_committees": ["自治区直属机关工委"]}})
    def test_upper_committees_come_from_settings(self):
        [(excerpt, message)] = tampered("自治区直属鼎盛机关工委印发通知", names=())
        self.assertEqual(excerpt, "鼎盛")
        self.assertIn("自治区直属机关工委", message)


class KnownNamesTests(TestCase):
    @override_settings(DANGJIAN={"contentsec": {"upper_committees": ["自治区直属机关工委"]}})
    def test_known_names_are_the_organizations_and_the_upper_committees(self):
        make_org("T001", "市直机关工委", "committee")
        self.assertEqual(known_names(), ["市直机关工委", "自治区直属机关工委"])


class KnownNamesCacheTests(TransactionTestCase):
    """Every request asks for the known names: read once per process, re-read once a write to an
    organization or a unit commits (in any process: the "orgs" generation token in the shared cache)."""

    def setUp(self):
        ContentType.objects.clear_cache()  # another TransactionTestCase's flush renumbers them
        self.org = make_org("T001", "市财政局机关党委", OrgKind.PARTY_COMMITTEE)

    def test_the_names_are_read_once_and_again_after_a_rename(self):
        known_names()
        with self.assertNumQueries(0):
            self.assertIn("市财政局机关党委", known_names())
        self.org.name = "市财政厅机关党委"
        self.org.save()
        names = known_names()
        self.assertIn("市财政厅机关党委", names)
        self.assertNotIn("市财政局机关党委", names)
        [(excerpt, message)] = tampered("市财政厅鼎盛机关党委召开会议", names=names)
        self.assertEqual(excerpt, "鼎盛")
        self.assertIn("市财政厅机关党委", message)
        with self.assertNumQueries(0):
            known_names()

    def test_a_new_unit_and_a_write_in_the_open_transaction_are_seen_at_once(self):
        known_names()
        Unit.objects.create(name="市审计局")
        self.assertIn("市审计局", known_names())
        with transaction.atomic():
            Organization.objects.filter(pk=self.org.pk).update(name="市审计局机关党委")
            registry.figures_changed("orgs")  # what a bulk write does
            self.assertIn("市审计局机关党委", known_names())
        self.assertIn("市审计局机关党委", known_names())
