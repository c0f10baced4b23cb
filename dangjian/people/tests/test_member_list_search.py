import datetime as dt

from django.test import override_settings

from dangjian.people.models import Status

from .helpers import RosterTestCase


def names(response):
    return [m.name for m in response.context["members"]]


class MemberSearchTests(RosterTestCase):
    def setUp(self):
        super().setUp()
        self.login_as(self.w.staff)

    def test_it_finds_a_member_by_part_of_the_name(self):
        response = self.client.get("/members/", {"q": "建国"})
        self.assertEqual(names(response), ["张建国"])
        self.assertContains(response, '共 <strong class="text-body">1</strong> 人', html=False)

    def test_it_finds_a_member_by_pinyin_initials_in_any_case(self):
        self.assertEqual(names(self.client.get("/members/", {"q": "zjg"})), ["张建国"])
        self.assertEqual(names(self.client.get("/members/", {"q": "ZJG"})), ["张建国"])

    def test_it_finds_members_by_the_start_of_their_initials_only(self):
        self.person("张杰")
        self.assertEqual(names(self.client.get("/members/", {"q": "zj"})), ["张杰", "张建国"])
        # "jg" is inside "zjg" but is not its start.
        self.assertEqual(names(self.client.get("/members/", {"q": "jg"})), [])

    def test_it_says_so_when_nothing_matches(self):
        response = self.client.get("/members/", {"q": "不存在的人"})
        self.assertContains(response, "没有符合条件的人员")


class MemberFilterTests(RosterTestCase):
    def setUp(self):
        super().setUp()
        self.login_as(self.w.staff)

    def test_it_filters_by_status(self):
        self.person("王积极", status=Status.ACTIVIST)
        self.assertEqual(names(self.client.get("/members/", {"status": "activist"})), ["王积极"])
        self.assertEqual(names(self.client.get("/members/", {"status": "full"})), ["李红梅", "张建国"])

    def test_it_filters_by_cadre_rank(self):
        self.person("赵处长", cadre_rank="division")
        self.assertEqual(names(self.client.get("/members/", {"rank": "division"})), ["赵处长"])

    def test_it_filters_by_ethnicity_and_offers_the_ethnicities_present(self):
        self.person("巴特尔", ethnicity="蒙古族")
        response = self.client.get("/members/", {"ethnicity": "蒙古族"})
        self.assertEqual(names(response), ["巴特尔"])
        self.assertEqual(response.context["ethnicities"], ["汉族", "蒙古族"])

    def test_it_filters_by_an_organization_and_everything_below_it(self):
        self.person("孙第二", org=self.w.branch_a2)
        self.assertEqual(names(self.client.get("/members/", {"org": "A"})), ["孙第二", "张建国"])
        self.assertEqual(names(self.client.get("/members/", {"org": "A02"})), ["孙第二"])
        self.assertEqual(names(self.client.get("/members/", {"org": "B"})), ["李红梅"])

    def test_filters_combine(self):
        self.person("张积极", status=Status.ACTIVIST)
        self.person("张处长", org=self.w.branch_b1, status=Status.ACTIVIST)
        response = self.client.get("/members/", {"q": "张", "status": "activist", "org": "A"})
        self.assertEqual(names(response), ["张积极"])

    def test_an_unknown_filter_value_is_ignored(self):
        self.assertEqual(len(names(self.client.get("/members/", {"status": "nonsense", "sort": "id_number"}))), 2)

    def test_an_unknown_org_code_is_a_recorded_404(self):
        response = self.client.get("/members/", {"org": "NOPE"})
        self.assertDeniedAndRecorded(response, self.w.staff)


class MemberSortTests(RosterTestCase):
    def setUp(self):
        super().setUp()
        self.login_as(self.w.staff)
        self.person("安明", birth_date=dt.date(1990, 1, 1), joined_party_on=dt.date(2015, 7, 1))
        self.person("白雪", birth_date=dt.date(1975, 1, 1), org=self.w.branch_a2, joined_party_on=dt.date(2001, 7, 1))
        self.person("曹阳", birth_date=dt.date(1985, 1, 1), status=Status.ACTIVIST, joined_party_on=None)

    def test_it_sorts_by_name_in_pinyin_order_by_default(self):
        self.assertEqual(names(self.client.get("/members/")), ["安明", "白雪", "曹阳", "李红梅", "张建国"])

    def test_a_second_click_reverses_the_order(self):
        response = self.client.get("/members/", {"sort": "-name"})
        self.assertEqual(names(response), ["张建国", "李红梅", "曹阳", "白雪", "安明"])
        name_header = next(h for h in response.context["headers"] if h["key"] == "name")
        self.assertEqual(name_header["state"], "desc")
        self.assertEqual(name_header["url"], "?sort=name")

    def test_it_sorts_by_birth_date(self):
        ascending = self.client.get("/members/", {"sort": "birth"}).context["members"]
        births = [m.birth_date for m in ascending]
        self.assertEqual(births, sorted(births))
        mine = [m.name for m in ascending if m.name in ("安明", "白雪", "曹阳")]
        self.assertEqual(mine, ["白雪", "曹阳", "安明"])
        descending = self.client.get("/members/", {"sort": "-birth"}).context["members"]
        self.assertEqual([m.birth_date for m in descending], sorted(births, reverse=True))

    def test_it_sorts_by_joining_date_with_the_undated_last_both_ways(self):
        ascending = list(self.client.get("/members/", {"sort": "joined"}).context["members"])
        descending = list(self.client.get("/members/", {"sort": "-joined"}).context["members"])
        self.assertEqual(ascending[-1].name, "曹阳")
        self.assertEqual(descending[-1].name, "曹阳")
        dates = [m.joined_party_on for m in ascending[:-1]]
        self.assertEqual(dates, sorted(dates))
        self.assertEqual([m.joined_party_on for m in descending[:-1]], sorted(dates, reverse=True))

    def test_it_sorts_by_organization_in_tree_order(self):
        orgs = [m.org.code for m in self.client.get("/members/", {"sort": "org"}).context["members"]]
        self.assertEqual(orgs, ["A01", "A01", "A01", "A02", "B01"])

    def test_sort_links_keep_the_filters(self):
        response = self.client.get("/members/", {"q": "a", "status": "full"})
        birth_header = next(h for h in response.context["headers"] if h["key"] == "birth")
        self.assertEqual(birth_header["url"], "?q=a&status=full&sort=birth")


@override_settings(DANGJIAN={"people": {"member_page_size": 3}})
class MemberPaginationTests(RosterTestCase):
    def setUp(self):
        super().setUp()
        self.login_as(self.w.staff)
        for name in ("安一", "安二", "安三", "安四", "安五"):
            self.person(name)

    def test_it_shows_one_page_at_a_time(self):
        first = self.client.get("/members/")
        self.assertEqual(len(names(first)), 3)
        self.assertEqual(first.context["page"].paginator.count, 7)
        second = self.client.get("/members/", {"page": 2})
        third = self.client.get("/members/", {"page": 3})
        self.assertEqual(len(names(third)), 1)
        self.assertEqual(len(set(names(first)) | set(names(second)) | set(names(third))), 7)

    def test_page_links_keep_the_query(self):
        response = self.client.get("/members/", {"q": "安", "sort": "-name"})
        self.assertEqual(response.context["page"].paginator.count, 5)
        self.assertContains(response, 'href="?q=%E5%AE%89&amp;sort=-name&amp;page=2"')

    def test_a_page_beyond_the_end_shows_the_last_page(self):
        self.assertEqual(self.client.get("/members/", {"page": 99}).context["page"].number, 3)


class LiveSearchTests(RosterTestCase):
    def test_htmx_gets_only_the_results_and_a_browser_the_whole_page(self):
        self.login_as(self.w.staff)
        partial = self.client.get("/members/", {"q": "zjg"}, HTTP_HX_REQUEST="true")
        self.assertContains(partial, "张建国")
        self.assertNotContains(partial, "<html")
        self.assertIn("HX-Request", partial["Vary"])
        full = self.client.get("/members/", {"q": "zjg"})
        self.assertContains(full, "<html")
        self.assertContains(full, 'hx-get="/members/"')
        self.assertContains(full, 'hx-target="#member-results"')

    def test_a_history_restore_gets_the_whole_page(self):
        self.login_as(self.w.staff)
        response = self.client.get("/members/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
        self.assertContains(response, "<html")

    def test_the_export_link_carries_the_filters(self):
        self.login_as(self.w.staff)
        response = self.client.get("/members/", {"q": "zjg"}, HTTP_HX_REQUEST="true")
        self.assertContains(response, 'href="/members/export.xlsx?q=zjg"')
