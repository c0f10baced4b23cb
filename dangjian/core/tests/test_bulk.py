"""bulk_insert and insert_rows write exactly what bulk_create would (COPY on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.contrib.sessions.models import Session
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dangjian.accounts.models import ActivationCode, SecurityPolicy, User
from dangjian.core.bulk import bulk_insert, foreign_keys_checked_at_end, insert_rows, next_ids
from dangjian.core.testing import BaseTestCase, make_id_number
from dangjian.orgs.models import Organization
from dangjian.people.models import Member, Post

AWKWARD = "王\t小\n明\\N \\ '\"；"  # a tab, a newline, COPY's NULL marker and backslashes as text


class BulkInsertTests(BaseTestCase):
    def new_member(self, name: str, **fields) -> Member:
        m = Member(
            name=name,
            name_initials="x",
            gender="M",
            ethnicity="汉族",
            birth_date=dt.date(1980, 2, 29),
            status="full",
            org=self.w.branch_a1,
            unit=self.w.person_a.unit,
            **fields,
        )
        m.id_number = make_id_number(m.birth_date)
        m.phone = ""
        return m

    def test_it_round_trips_text_dates_foreign_keys_and_nulls(self) -> None:
        a = self.new_member(AWKWARD, joined_party_on=dt.date(2005, 7, 1), job_title="科员\\副科")
        b = self.new_member("李四", joined_party_on=None, job_title="")
        b.unit = None
        before = timezone.now()
        bulk_insert(Member, [a, b])
        for obj in (a, b):
            self.assertIsNotNone(obj.pk)
            self.assertFalse(obj._state.adding)
        saved_a = Member.everyone.get(pk=a.pk)
        self.assertEqual(saved_a.name, AWKWARD)
        self.assertEqual(saved_a.job_title, "科员\\副科")
        self.assertEqual(saved_a.birth_date, dt.date(1980, 2, 29))
        self.assertEqual(saved_a.joined_party_on, dt.date(2005, 7, 1))
        self.assertEqual(saved_a.org, self.w.branch_a1)
        self.assertEqual(saved_a.unit, self.w.unit_a)
        self.assertEqual(saved_a.id_number, a.id_number)  # the encrypted value went in as it was
        self.assertGreaterEqual(saved_a.created_at, before)  # auto_now_add filled in
        saved_b = Member.everyone.get(pk=b.pk)
        self.assertIsNone(saved_b.joined_party_on)
        self.assertIsNone(saved_b.unit)
        self.assertEqual(saved_b.job_title, "")

    def test_it_gives_ids_that_later_rows_can_point_at(self) -> None:
        people = bulk_insert(Member, [self.new_member(f"张{i}") for i in range(5)])
        self.assertEqual(len({p.pk for p in people}), 5)
        bulk_insert(
            Post, [Post(member=p, org=self.w.branch_a1, title="委员", started_on=dt.date(2024, 1, 1)) for p in people]
        )
        self.assertEqual(
            sorted(Post.objects.filter(org=self.w.branch_a1).values_list("member_id", flat=True)),
            sorted(p.pk for p in people),
        )
        # The table's own sequence moved past them: an ordinary save takes a new id.
        later = self.new_member("赵六")
        later.save()
        self.assertGreater(later.pk, max(p.pk for p in people))

    def test_it_round_trips_booleans_json_and_aware_datetimes(self) -> None:
        SecurityPolicy.objects.all().delete()
        policy = SecurityPolicy(otp_required_roles=["sysadmin", {"note": AWKWARD, "n": None}])
        bulk_insert(SecurityPolicy, [policy])
        self.assertEqual(SecurityPolicy.objects.get(pk=policy.pk).otp_required_roles, policy.otp_required_roles)

        expires = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        code = ActivationCode(account=self.w.outsider, digest="d" * 64, batch=AWKWARD, expires_at=expires)
        bulk_insert(ActivationCode, [code])
        saved = ActivationCode.objects.get(pk=code.pk)
        self.assertEqual(saved.expires_at, expires)
        self.assertIsNone(saved.used_at)
        self.assertIsNone(saved.org)
        self.assertEqual(saved.batch, AWKWARD)

        user = User(username="bulk", display_name=AWKWARD, is_active=False, must_change_password=True)
        bulk_insert(User, [user])
        saved_user = User.objects.get(pk=user.pk)
        self.assertFalse(saved_user.is_active)
        self.assertTrue(saved_user.must_change_password)

    def test_a_failure_inside_the_transaction_leaves_nothing_written(self) -> None:
        count = Member.everyone.count()
        with self.assertRaises(RuntimeError), transaction.atomic():
            bulk_insert(Member, [self.new_member(f"钱{i}") for i in range(3)])
            raise RuntimeError("after the rows")
        self.assertEqual(Member.everyone.count(), count)

    def test_a_refused_row_refuses_them_all(self) -> None:
        count = Member.everyone.count()
        twins = [self.new_member("孙一"), self.new_member("孙二")]
        twins[1].id_number_digest = twins[0].id_number_digest  # unique
        with self.assertRaises(IntegrityError), transaction.atomic():
            bulk_insert(Member, twins)
        self.assertEqual(Member.everyone.count(), count)

    def test_it_writes_with_copy_on_postgresql(self) -> None:
        with CaptureQueriesContext(connection) as queries:
            bulk_insert(Member, [self.new_member(f"周{i}") for i in range(50)])
        inserts = [q["sql"] for q in queries.captured_queries if "INSERT" in q["sql"]]
        if connection.vendor == "postgresql":
            self.assertEqual(inserts, [])  # one nextval query and a COPY, which the log does not show
        else:
            self.assertTrue(inserts)

    def test_it_leaves_a_key_that_is_not_an_automatic_id_to_bulk_create(self) -> None:
        session = Session(session_key="k" * 32, session_data=AWKWARD, expire_date=timezone.now())
        with mock.patch("dangjian.core.bulk._copy") as copy:
            bulk_insert(Session, [session])
        copy.assert_not_called()
        self.assertEqual(Session.objects.get(pk="k" * 32).session_data, AWKWARD)

    def test_it_leaves_rows_with_their_ids_to_bulk_create(self) -> None:
        org = Organization.objects.get(pk=self.w.org_b.pk)
        member = self.new_member("吴七")
        member.pk = 900_000
        bulk_insert(Member, [member])
        self.assertEqual(Member.everyone.get(pk=900_000).name, "吴七")
        self.assertEqual(org.members.count(), 0)


class InsertRowsTests(BaseTestCase):
    def test_it_writes_tuples_with_the_ids_it_was_given(self) -> None:
        ids = next_ids(Post, 3)
        self.assertEqual(ids, sorted(ids))
        member = self.w.person_a
        rows = [
            (ids[0], member.pk, self.w.branch_a1.pk, AWKWARD, dt.date(2021, 1, 1), None),
            (ids[1], member.pk, self.w.branch_a1.pk, "委员", dt.date(2021, 1, 1), dt.date(2023, 5, 4)),
            (ids[2], member.pk, self.w.org_a.pk, "书记", dt.date(2022, 1, 1), None),
        ]
        written = insert_rows(Post, ["id", "member_id", "org_id", "title", "started_on", "ended_on"], rows)
        self.assertEqual(written, 3)
        saved = {p.pk: p for p in Post.objects.filter(pk__in=ids)}
        self.assertEqual(saved[ids[0]].title, AWKWARD)
        self.assertIsNone(saved[ids[0]].ended_on)
        self.assertEqual(saved[ids[1]].ended_on, dt.date(2023, 5, 4))
        self.assertEqual(saved[ids[2]].org, self.w.org_a)
        # Nobody else gets those ids afterwards.
        self.assertGreater(next_ids(Post, 1)[0], ids[2])

    def test_it_adapts_json_values(self) -> None:
        SecurityPolicy.objects.all().delete()
        [pk] = next_ids(SecurityPolicy, 1)
        roles = ["secadmin", {"tab": "a\tb"}]
        columns = ["id", *SecurityPolicy.FIELDS, "updated_at"]
        values = [pk, 8, 3, 5, 90, 5, 30, 30, roles, timezone.now()]
        insert_rows(SecurityPolicy, columns, [values])
        self.assertEqual(SecurityPolicy.objects.get(pk=pk).otp_required_roles, roles)

    def test_it_refuses_a_name_that_is_no_column(self) -> None:
        with self.assertRaises(ValueError):
            insert_rows(Member, ["posts"], [])


class ForeignKeysCheckedAtEndTests(BaseTestCase):
    def post_row(self, member_id: int) -> tuple:
        [pk] = next_ids(Post, 1)
        return (pk, member_id, self.w.branch_a1.pk, "委员", dt.date(2024, 1, 1))

    def test_it_keeps_the_rows_that_point_at_something(self) -> None:
        with transaction.atomic(), foreign_keys_checked_at_end():
            insert_rows(Post, ["id", "member_id", "org_id", "title", "started_on"], [self.post_row(self.w.person_a.pk)])
        self.assertTrue(Post.objects.filter(member=self.w.person_a, title="委员").exists())

    def test_a_dangling_reference_writes_nothing(self) -> None:
        if connection.vendor != "postgresql":
            self.skipTest("SQLite checks foreign keys at COMMIT, which a test case never reaches")
        count = Post.objects.count()
        with self.assertRaises(IntegrityError), transaction.atomic(), foreign_keys_checked_at_end() as moved:
            self.assertTrue(moved)  # the suite's PostgreSQL user is a superuser
            insert_rows(Post, ["id", "member_id", "org_id", "title", "started_on"], [self.post_row(987_654)])
        self.assertEqual(Post.objects.count(), count)
