"""Every volunteer route as each named user sees it (see dangjian.core.permission_matrix).

prepare() builds a corps with a brigade under A (a team with person_a in it, a
pairing, an open activity, a past one with person_a's confirmed record and a
certificate) and a brigade under B. Members see the published activities of
their committee and their own records; the check-in page and sign-up need a
person on the roster; only committee staff correct records and void
certificates; the certificate check (verify) is public.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page, row
from dangjian.volunteer import services
from dangjian.volunteer.models import Pairing, Participation, Team

from .helpers import make_activity, make_brigade, make_corps, record_for


class _Everyone(TypedDict):
    outsider: int
    member: int
    staff: int
    admin_a: int
    admin_b: int


class _StaffAndA(TypedDict):
    staff: int
    admin_a: int


# Typed, so that spreading them into page()/api() cannot be read as a method= or login=.
EVERYONE: _Everyone = {"outsider": 200, "member": 200, **STAFF_AND_ADMINS}
STAFF_AND_A_POST: _StaffAndA = {"staff": 302, "admin_a": 302}


def prepare(case) -> dict[str, object]:
    w = case.w
    corps = make_corps(w.committee, leader=w.person_b)
    brigade = make_brigade(corps, w.org_a)
    make_brigade(corps, w.org_b)
    team = Team.objects.create(brigade=brigade, name="第一分队")
    volunteer = services.team_member_add(team=team, member=w.person_a)
    pairing = Pairing.objects.create(brigade=brigade, community="光明社区", signed_on=dt.date(2024, 1, 1))
    activity = make_activity(brigade)
    past = make_activity(brigade, starts_in=-dt.timedelta(days=10))
    record = record_for(past, w.person_a)
    certificate = services.certificate_issue(volunteer=volunteer, corps=corps, by=None)
    other = services.volunteer_register(member=w.person_b)
    participation = Participation.objects.create(
        activity=activity, volunteer=other, status="confirmed", seq=99, signed_up_at=activity.created_at
    )

    def signed_up() -> None:
        try:
            services.signup(activity_id=activity.pk, member=w.person_a)
        except services.SignupError:
            pass  # already

    def not_signed_up() -> None:
        Participation.objects.filter(activity=activity, volunteer=volunteer).delete()

    def in_team() -> None:
        type(volunteer).objects.filter(pk=volunteer.pk).update(team=team)

    case.before_each.update(
        {
            "volunteer:signup": not_signed_up,
            "api-v1:volunteer_signup": not_signed_up,
            "volunteer:withdraw": signed_up,
            "api-v1:volunteer_withdraw": signed_up,
            "volunteer:team_member_remove": in_team,
            "volunteer:activity_cancel": lambda: (
                type(activity).objects.filter(pk=activity.pk).update(status="published", cancelled_at=None)
            ),
        }
    )
    return {
        "v_activity": activity.pk,
        "v_token": activity.checkin_token,
        "v_participation": participation.pk,
        "v_record": record.pk,
        "v_certificate": certificate.number,
        "v_volunteer": volunteer.pk,
        "v_brigade": brigade.pk,
        "v_team": team.pk,
        "v_pairing": pairing.pk,
    }


A = "/volunteer/activities/{v_activity}"
ROWS = {
    "volunteer:home": page("/volunteer/", **EVERYONE),
    "volunteer:activities": page("/volunteer/activities/", **EVERYONE),
    "volunteer:activity_export": page("/volunteer/activities/export.xlsx", **STAFF_AND_ADMINS),
    "volunteer:activity_new": page("/volunteer/activities/new/", **STAFF_AND_ADMINS),
    # A published activity of A's brigade: the committee's members see it, B's administrator does not.
    "volunteer:activity_detail": page(f"{A}/", member=200, **IN_A),
    "volunteer:activity_edit": page(f"{A}/edit/", **IN_A),
    "volunteer:activity_publish": page(f"{A}/publish/", method="POST", **STAFF_AND_A_POST),
    "volunteer:activity_cancel": page(f"{A}/cancel/", method="POST", **STAFF_AND_A_POST),
    "volunteer:activity_qr": page(f"{A}/qr.svg", **IN_A),
    # Signing up needs a person on the roster: administrators' accounts have none.
    "volunteer:signup": page(f"{A}/signup/", method="POST", member=302),
    "volunteer:withdraw": page(f"{A}/withdraw/", method="POST", member=302),
    "volunteer:participants_export": page(f"{A}/participants.xlsx", **IN_A),
    "volunteer:attendance_mark": page(
        f"{A}/participants/{{v_participation}}/attendance/", method="POST", **STAFF_AND_A_POST
    ),
    "volunteer:hours_adjust": page(f"{A}/participants/{{v_participation}}/hours/", method="POST", **STAFF_AND_A_POST),
    "volunteer:hours_confirm": page(f"{A}/confirm/", method="POST", **STAFF_AND_A_POST),
    "volunteer:checkin": page("/volunteer/checkin/{v_token}/", member=200),
    "volunteer:record_correct": page("/volunteer/records/{v_record}/correct/", method="POST", staff=302),
    "volunteer:my_service": page("/volunteer/my/", member=200),
    "volunteer:certificate_issue_mine": page("/volunteer/my/certificates/issue/", method="POST", member=302),
    "volunteer:certificates": page("/volunteer/certificates/", **STAFF_AND_ADMINS),
    "volunteer:certificate_export": page("/volunteer/certificates/export.xlsx", **STAFF_AND_ADMINS),
    "volunteer:certificate_pdf": page("/volunteer/certificates/{v_certificate}.pdf", member=200, **IN_A),
    "volunteer:certificate_revoke": page("/volunteer/certificates/{v_certificate}/revoke/", method="POST", staff=302),
    # The public check of a certificate number: everyone, logged in or not.
    "volunteer:verify": row("/volunteer/verify/?number={v_certificate}", anonymous=200, **EVERYONE),
    "volunteer:volunteer_detail": page("/volunteer/volunteers/{v_volunteer}/", member=200, **IN_A),
    "volunteer:certificate_issue_for": page(
        "/volunteer/volunteers/{v_volunteer}/certificates/issue/", method="POST", member=302, staff=302
    ),
    "volunteer:corps": page("/volunteer/corps/", staff=200),
    "volunteer:brigades": page("/volunteer/brigades/", **STAFF_AND_ADMINS),
    "volunteer:brigade_export": page("/volunteer/brigades/export.xlsx", **STAFF_AND_ADMINS),
    "volunteer:brigade_new": page("/volunteer/brigades/new/", **STAFF_AND_ADMINS),
    "volunteer:brigade_detail": page("/volunteer/brigades/{v_brigade}/", **IN_A),
    "volunteer:brigade_edit": page("/volunteer/brigades/{v_brigade}/edit/", **IN_A),
    "volunteer:team_new": page("/volunteer/brigades/{v_brigade}/teams/new/", method="POST", **STAFF_AND_A_POST),
    "volunteer:team_detail": page("/volunteer/teams/{v_team}/", **IN_A),
    "volunteer:team_export": page("/volunteer/teams/{v_team}/export.xlsx", **IN_A),
    "volunteer:team_member_add": page("/volunteer/teams/{v_team}/members/add/", method="POST", **STAFF_AND_A_POST),
    "volunteer:team_member_remove": page(
        "/volunteer/teams/{v_team}/members/{v_volunteer}/remove/", method="POST", **STAFF_AND_A_POST
    ),
    "volunteer:pairings": page("/volunteer/pairings/", **STAFF_AND_ADMINS),
    "volunteer:pairing_export": page("/volunteer/pairings/export.xlsx", **STAFF_AND_ADMINS),
    "volunteer:pairing_new": page("/volunteer/pairings/new/", **STAFF_AND_ADMINS),
    "volunteer:pairing_detail": page("/volunteer/pairings/{v_pairing}/", **IN_A),
    "volunteer:records": page("/volunteer/records/", **STAFF_AND_ADMINS),
    "volunteer:records_export": page("/volunteer/records/export.xlsx", **STAFF_AND_ADMINS),
    "volunteer:rankings": page("/volunteer/rankings/", **STAFF_AND_ADMINS),
    "volunteer:ranking_teams_export": page("/volunteer/rankings/teams.xlsx", **STAFF_AND_ADMINS),
    "volunteer:ranking_people_export": page("/volunteer/rankings/people.xlsx", **STAFF_AND_ADMINS),
    "api-v1:volunteer_activity_list": api("/api/v1/volunteer/activities", **EVERYONE),
    "api-v1:volunteer_activity_get": api("/api/v1/volunteer/activities/{v_activity}", member=200, **IN_A),
    "api-v1:volunteer_signup": api("/api/v1/volunteer/activities/{v_activity}/signup", method="POST", member=200),
    "api-v1:volunteer_withdraw": api("/api/v1/volunteer/activities/{v_activity}/cancel", method="POST", member=200),
    "api-v1:volunteer_me": api("/api/v1/volunteer/me", member=200),
    "api-v1:volunteer_brigades": api("/api/v1/volunteer/brigades", **STAFF_AND_ADMINS),
    "api-v1:volunteer_rankings": api("/api/v1/volunteer/rankings", **STAFF_AND_ADMINS),
}
