from django.test import SimpleTestCase

from dangjian.publicity import contentsec


def scan(text: str, names=("市财政局",)) -> contentsec.ScanResult:
    return contentsec.scan(text, opts=contentsec.options(names=names), html=False)


class OrdinaryTextTests(SimpleTestCase):
    def test_it_passes_the_phrases_reports_use_every_day(self):
        for text in (
            "下载学习强国app",
            "365天",
            "文体娱乐活动",
            "官方网站",
            "中国共产党新闻网",
            "第365号文件",
            "App Store 下载",
            "开展文体娱乐200余场",
            "金沙江畔",
            "银河系",
            "皇冠假日酒店",
            "拨开云雾见天日",
            "通过12345平台反映诉求",
            "共产党员网（www.12371.cn）手机版",
            "体育彩票公益金3000万元",
        ):
            with self.subTest(text=text):
                self.assertEqual(scan(text).findings, [])


class SpamTests(SimpleTestCase):
    def test_it_finds_a_betting_brand_with_digits(self):
        result = scan("澳门新葡京8455官网")
        self.assertEqual(result.verdict, "blocked")
        self.assertEqual(result.findings[0].kind, "seo_spam")

    def test_it_finds_a_weak_brand_only_next_to_a_marker_or_digits(self):
        self.assertEqual(scan("金沙官网").verdict, "blocked")
        self.assertEqual(scan("金沙9159").verdict, "blocked")
        self.assertEqual(scan("澳门金沙").verdict, "blocked")
        self.assertEqual(scan("金沙江").verdict, "clean")

    def test_it_finds_a_betting_code_next_to_a_marker(self):
        self.assertEqual(scan("js55娱乐").verdict, "blocked")
        self.assertEqual(scan("9159官网").verdict, "blocked")

    def test_it_reports_spam_spliced_into_an_organizations_name(self):
        result = scan("市财澳门新葡京官网局召开会议")
        self.assertEqual([(f.kind, f.excerpt) for f in result.findings], [("name_tampered", "澳门新葡京官网")])
        self.assertIn("市财政局", result.findings[0].message)

    def test_it_reports_a_sensitive_word_with_its_category(self):
        finding = scan("真人百家乐").findings[0]
        self.assertEqual((finding.kind, finding.category), ("sensitive_word", "gambling"))


class DisguiseTests(SimpleTestCase):
    def test_it_sees_through_full_width_characters(self):
        self.assertEqual(scan("ｂｅｔ３６５").verdict, "blocked")

    def test_it_sees_through_inserted_spaces_and_symbols(self):
        for text in ("新 葡 京", "新-葡-京", "新★葡★京", "金.沙.官.网"):
            with self.subTest(text=text):
                self.assertEqual(scan(text).verdict, "blocked")

    def test_it_sees_through_zero_width_characters(self):
        self.assertEqual(scan("新\u200b葡\u200c京\ufeff").verdict, "blocked")

    def test_it_sees_through_mixed_case(self):
        self.assertEqual(scan("BeT365").verdict, "blocked")

    def test_it_sees_through_look_alike_letters(self):
        self.assertEqual(scan("bеt365").verdict, "blocked")  # Cyrillic е
        self.assertEqual(scan("b3t365").verdict, "blocked")  # 3 for e
        self.assertEqual(scan("澳門新葡亰").verdict, "blocked")  # traditional and variant forms

    def test_it_points_start_and_end_at_the_original_text(self):
        text = "第一段。\n新 ★ 葡\u200b京娱乐场，欢迎"
        finding = scan(text).findings[0]
        self.assertEqual(text[finding.start : finding.end], finding.excerpt)
        self.assertTrue(finding.excerpt.startswith("新"))
        self.assertTrue(finding.excerpt.endswith("娱乐场"))

    def test_it_does_not_join_a_short_word_across_sentences(self):
        self.assertEqual(scan("多种植葡。京津冀协同发展").verdict, "clean")
