"""Families, not lists (issue 15 §2): shapes that catch brands and codes no list holds."""

from django.test import SimpleTestCase

from dangjian.publicity import contentsec


def scan(text: str, html: bool | None = None) -> contentsec.ScanResult:
    return contentsec.scan(text, opts=contentsec.options(names=()), html=html)


def families(text: str, html: bool | None = None) -> list[str]:
    return [f.family for f in scan(text, html).findings]


class LatinFamilyTests(SimpleTestCase):
    def test_bet_with_any_digits_is_one_family(self):
        for text in ("bet9官网", "bet777", "bet 2046", "8888bet", "b e t 5 1 8", "ＢＥＴ９９９"):
            with self.subTest(text=text):
                self.assertEqual(scan(text).verdict, "blocked")

    def test_site_names_without_a_link(self):
        for text in ("访问js55.cc领取", "hg0088.com", "am8888．vip"):
            with self.subTest(text=text):
                self.assertEqual(scan(text).verdict, "blocked")

    def test_english_words_that_merely_contain_a_brand_pass(self):
        for text in ("the alphabet 2023", "365 better days", "anti-pornography campaign", "Tibet 2023 plan"):
            with self.subTest(text=text):
                self.assertEqual(scan(text).findings, [])


class UnknownChineseBrandTests(SimpleTestCase):
    def test_a_name_with_a_casino_word_and_a_promotion_word(self):
        for text in (
            "鼎盛娱乐城官网",
            "鸿运彩票注册送38元",
            "星辉体育官网登录",
            "金鼎国际娱乐总站",
            "福满多棋牌app下载",
        ):
            with self.subTest(text=text):
                self.assertEqual(families(text), ["unknown_brand"])

    def test_a_promotion_word_or_a_code_before_the_name(self):
        for text in ("下载金鼎棋牌", "8888鼎盛娱乐城", "鼎盛娱乐城8888"):
            with self.subTest(text=text):
                self.assertEqual(scan(text).verdict, "blocked")

    def test_the_words_of_an_anti_gambling_report_pass(self):
        for text in (
            "不法分子诱导群众在赌博平台注册开户",
            "中国体育彩票官网发布开奖公告",
            "不要在体育彩票平台以外购买彩票",
            "丰富群众文化娱乐平台",
            "国家体育总局官网",
            "组织老年人开展象棋棋牌比赛",
            "警惕境外赌场招募，远离网络赌博平台",
        ):
            with self.subTest(text=text):
                self.assertEqual(scan(text).findings, [])


class DisguiseFamilyTests(SimpleTestCase):
    def test_html_tags_between_the_characters(self):
        self.assertEqual(scan("澳<b>门</b>新<i>葡</i>京", html=False).verdict, "blocked")
        self.assertEqual(scan("<p>澳<b>门</b>新<i>葡</i>京</p>", html=True).verdict, "blocked")

    def test_characters_written_one_a_line(self):
        finding = scan("<p>金<br>沙<br>官<br>网</p>", html=True).findings[0]
        self.assertEqual(finding.excerpt, "金<br>沙<br>官<br>网")

    def test_each_finding_names_its_family(self):
        self.assertEqual(families("澳门新葡京"), ["brand"])
        self.assertEqual(families("js55娱乐"), ["code_next_to_marker"])
        self.assertEqual(families("真人百家乐"), ["sensitive_word"])
