"""Members in flow: recorded with where they are, listed per branch, ended when they return."""

from __future__ import annotations

from dangjian.core.errors import codes_of
from dangjian.transfers import selectors, services
from dangjian.transfers.models import FlowStatus

from .helpers import TODAY, TransfersTestCase, day


class FlowTests(TransfersTestCase):
    def test_a_member_in_flow_is_kept_with_where_they_are(self):
        flow = self.flow()
        self.assertEqual((flow.status, flow.org, flow.place), (FlowStatus.OUT, self.w.branch_a1, "广东省深圳市南山区"))
        self.assertEqual(list(selectors.flows_out_now(self.w.org_a)), [flow])
        self.assertEqual(list(selectors.flows_out_now(self.w.org_b)), [])

    def test_the_return_ends_the_record(self):
        flow = services.flow_end(flow=self.flow(), returned_on=day(11, 1), today=TODAY)
        self.assertEqual((flow.status, flow.returned_on), (FlowStatus.RETURNED, day(11, 1)))
        self.assertIsNotNone(flow.returned_at)
        again = self.flow(since=day(11, 15))  # away again later: a new record
        self.assertEqual(again.status, FlowStatus.OUT)

    def test_a_return_before_leaving_or_twice_is_refused(self):
        flow = self.flow()
        with self.assertRaises(Exception) as caught:
            services.flow_end(flow=flow, returned_on=day(2, 1), today=TODAY)
        self.assertIn("flow_dates_reversed", codes_of(caught.exception))
        services.flow_end(flow=flow, returned_on=day(4, 1), today=TODAY)
        with self.assertRaises(Exception) as caught:
            services.flow_end(flow=flow, returned_on=day(5, 1), today=TODAY)
        self.assertIn("flow_not_open", codes_of(caught.exception))

    def test_a_transfer_out_ends_the_flow_record(self):
        flow = self.flow()
        self.issue()
        flow.refresh_from_db()
        self.assertEqual((flow.status, flow.returned_on), (FlowStatus.RETURNED, day(10, 1)))

    def test_the_year_counts_those_away_at_some_time_in_it(self):
        self.flow()
        self.assertEqual(selectors.flows_in(self.w.committee, TODAY.year).count(), 1)
        self.assertEqual(selectors.flows_in(self.w.committee, TODAY.year - 1).count(), 0)
