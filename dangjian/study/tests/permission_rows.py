import datetime as dt
import shutil
import tempfile
from decimal import Decimal
from typing import TypedDict

from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page
from dangjian.study.models import (
    ClassStatus,
    DayAttendance,
    Enrolment,
    EnrolMethod,
    Mark,
    Meeting,
    MeetingAttachment,
    MeetingAttendance,
    MeetingKind,
    Observer,
    Session,
    SessionAttendance,
    SessionMaterial,
    SessionStatus,
    SignInMethod,
    StudyGroup,
    StudyGroupMember,
    TrainingClass,
    TrainingDay,
    VenueKind,
)


# Typed like core.permission_matrix's sets: spread into page()/api(), they cannot be read as method= or login=.
class _Everyone(TypedDict):
    outsider: int
    member: int
    staff: int
    admin_a: int
    admin_b: int


class _InAAndMember(TypedDict):
    staff: int
    admin_a: int
    member: int


EVERYONE: _Everyone = {"outsider": 200, "member": 200, "staff": 200, "admin_a": 200, "admin_b": 200}
IN_A_AND_MEMBER: _InAAndMember = {**IN_A, "member": 200}
PDF = b"%PDF-1.4\n%test\n"


def _klass(org, title, starts_on, days=1, starts_at=dt.time(9), **extra):
    klass = TrainingClass.objects.create(
        org=org,
        title=title,
        venue_kind=VenueKind.PARTY_SCHOOL,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=days - 1),
        hours=Decimal(6 * days),
        **extra,
    )
    for i in range(days):
        TrainingDay.objects.create(
            klass=klass, day=starts_on + dt.timedelta(days=i), starts_at=starts_at, hours=6, token=f"tok-{title}-{i}"
        )
    return klass


def prepare(case) -> dict:
    media = tempfile.mkdtemp()
    override = override_settings(MEDIA_ROOT=media)
    override.enable()
    case.addCleanup(override.disable)
    case.addCleanup(shutil.rmtree, media, True)
    w = case.w
    today = timezone.localdate()

    group = StudyGroup.objects.create(org=w.org_a, name="市财政局理论学习中心组")
    StudyGroupMember.objects.create(group=group, person=w.person_a)
    session = Session.objects.create(group=group, org=w.org_a, held_on=today - dt.timedelta(days=1), topic="学习党章")
    SessionAttendance.objects.create(session=session, person=w.person_a)
    material = SessionMaterial(session=session, name="材料.pdf", size=len(PDF), content_type="application/pdf")
    material.file.save("材料.pdf", ContentFile(PDF), save=False)
    material.save()
    observer = Observer.objects.create(
        session=session,
        user=w.staff,
        name="staff",
        notified_at=timezone.now() - dt.timedelta(days=10),
        notice_working_days=6,
        writeup_due_on=today + dt.timedelta(days=9),
    )
    case.before_each["study:session_cancel"] = lambda: Session.objects.filter(pk=session.pk).update(
        status=SessionStatus.PLANNED, cancelled_at=None
    )

    # A class ahead that members may sign up to; one ahead the member is on; one past, completed; one today.
    open_class = _klass(w.org_a, "报名中", today + dt.timedelta(days=10), self_signup=True, capacity=10)

    def reset_signup():
        Enrolment.objects.filter(klass=open_class).delete()
        TrainingClass.objects.filter(pk=open_class.pk).update(enrolled=0)

    case.before_each["study:class_signup"] = reset_signup
    case.before_each["api-v1:study_signup"] = reset_signup
    case.before_each["study:class_cancel"] = lambda: TrainingClass.objects.filter(pk=open_class.pk).update(
        status=ClassStatus.SCHEDULED, cancelled_at=None
    )
    ahead = _klass(w.org_a, "已报名", today + dt.timedelta(days=20), capacity=10, enrolled=1)
    on_ahead = Enrolment.objects.create(klass=ahead, person=w.person_a, enrolled_on=today, method=EnrolMethod.ADMIN)
    case.before_each["study:enrolment_withdraw"] = lambda: (
        Enrolment.objects.filter(pk=on_ahead.pk).update(withdrawn_at=None),
        TrainingClass.objects.filter(pk=ahead.pk).update(enrolled=1),
    )
    past = _klass(w.org_a, "已结业", today - dt.timedelta(days=30), enrolled=1)
    done = Enrolment.objects.create(
        klass=past,
        person=w.person_a,
        enrolled_on=past.starts_on,
        method=EnrolMethod.ADMIN,
        days_attended=1,
        hours_attended=6,
    )
    past_day = past.days.get()
    DayAttendance.objects.create(
        day=past_day, enrolment=done, status=Mark.PRESENT, method=SignInMethod.QR, signed_at=timezone.now()
    )
    # starting now, so that its QR code is open whenever the tests run
    now = timezone.localtime().time().replace(second=0, microsecond=0)
    today_class = _klass(w.org_a, "今日", today, starts_at=now, enrolled=1)
    Enrolment.objects.create(
        klass=today_class, person=w.person_a, enrolled_on=today - dt.timedelta(days=3), method=EnrolMethod.ADMIN
    )
    token = today_class.days.get().token

    meeting = Meeting.objects.create(
        org=w.branch_a1, kind=MeetingKind.GENERAL, held_on=today - dt.timedelta(days=3), topic="党员大会"
    )
    MeetingAttendance.objects.create(meeting=meeting, person=w.person_a, status=Mark.PRESENT)
    attachment = MeetingAttachment(meeting=meeting, name="记录.pdf", size=len(PDF), content_type="application/pdf")
    attachment.file.save("记录.pdf", ContentFile(PDF), save=False)
    attachment.save()
    return {
        "group_a": group.pk,
        "session_a": session.pk,
        "material_a": material.pk,
        "observer_a": observer.pk,
        "class_open": open_class.pk,
        "class_past": past.pk,
        "enrolment_ahead": on_ahead.pk,
        "enrolment_done": done.pk,
        "day_past": past_day.pk,
        "token_today": token,
        "meeting_a": meeting.pk,
        "attachment_a": attachment.pk,
    }


ROWS = {
    "study:home": page("/study/", **EVERYONE),
    "study:my_record": page("/study/me/", member=200),
    "study:reminders": page("/study/reminders/", **STAFF_AND_ADMINS),
    # central-group study
    "study:groups": page("/study/groups/", **STAFF_AND_ADMINS),
    "study:group_new": page("/study/groups/new/", **STAFF_AND_ADMINS),
    "study:frequency": page("/study/groups/frequency/", **STAFF_AND_ADMINS),
    "study:group_detail": page("/study/groups/{group_a}/", **IN_A),
    "study:group_members": page("/study/groups/{group_a}/members/", **IN_A),
    "study:session_new": page("/study/groups/{group_a}/sessions/new/", **IN_A),
    "study:sessions": page("/study/sessions/", **STAFF_AND_ADMINS),
    # Those invited see the session and its materials, read only.
    "study:session_detail": page("/study/sessions/{session_a}/", **IN_A_AND_MEMBER),
    "study:session_attendance": page("/study/sessions/{session_a}/attendance/", **IN_A),
    "study:session_cancel": page("/study/sessions/{session_a}/cancel/", method="POST", staff=302, admin_a=302),
    "study:material_upload": page("/study/sessions/{session_a}/materials/", method="POST", staff=302, admin_a=302),
    "study:material_download": page("/study/materials/{material_a}/", **IN_A_AND_MEMBER),
    "study:observers_add": page("/study/sessions/{session_a}/observers/", **IN_A),
    "study:observer_tasks": page("/study/observer-tasks/", **EVERYONE),
    # Only the observer themself (here the committee staff account) files the write-up.
    "study:writeup": page("/study/observer-tasks/{observer_a}/", staff=200),
    "study:observers": page("/study/observers/", **STAFF_AND_ADMINS),
    # training
    "study:classes": page("/study/training/", **STAFF_AND_ADMINS),
    "study:open_classes": page("/study/training/open/", member=200),
    "study:class_new": page("/study/training/new/", **STAFF_AND_ADMINS),
    "study:class_detail": page("/study/training/{class_open}/", **IN_A_AND_MEMBER),
    "study:class_enrol": page("/study/training/{class_open}/enrol/", **IN_A),
    "study:class_signup": page("/study/training/{class_open}/signup/", method="POST", member=302),
    "study:class_cancel": page("/study/training/{class_open}/cancel/", method="POST", staff=302, admin_a=302),
    "study:enrolment_withdraw": page(
        "/study/training/enrolments/{enrolment_ahead}/withdraw/", method="POST", member=302, staff=302, admin_a=302
    ),
    "study:certificate": page("/study/training/enrolments/{enrolment_done}/certificate.pdf", **IN_A_AND_MEMBER),
    "study:day_detail": page("/study/training/days/{day_past}/", **IN_A),
    "study:day_count": page("/study/training/days/{day_past}/count/", **IN_A),
    "study:checkin": page("/study/checkin/{token_today}/", member=200),
    # organization life
    "study:meetings": page("/study/meetings/", **STAFF_AND_ADMINS),
    "study:meeting_new": page("/study/meetings/new/", **STAFF_AND_ADMINS),
    "study:meeting_detail": page("/study/meetings/{meeting_a}/", **IN_A),
    "study:meeting_attendance": page("/study/meetings/{meeting_a}/attendance/", **IN_A),
    "study:attachment_upload": page("/study/meetings/{meeting_a}/attachments/", method="POST", staff=302, admin_a=302),
    "study:attachment_download": page("/study/attachments/{attachment_a}/", **IN_A),
    "study:calendar": page("/study/calendar/", **STAFF_AND_ADMINS),
    "study:behind": page("/study/calendar/behind/", **STAFF_AND_ADMINS),
    # sign-in sheets
    "study:import": page("/study/import/session/{session_a}/", **IN_A),
    "study:import_confirm": page("/study/import/session/{session_a}/confirm/", method="POST", staff=302, admin_a=302),
    "study:import_template": page("/study/import/training/template.xlsx", **STAFF_AND_ADMINS),
    # the records behind the figures
    "study:records_sessions": page("/study/records/sessions/", **STAFF_AND_ADMINS),
    "study:records_session_attendances": page("/study/records/session-attendances/", **STAFF_AND_ADMINS),
    "study:records_classes": page("/study/records/classes/", **STAFF_AND_ADMINS),
    "study:records_training_attendances": page("/study/records/training-attendances/", **STAFF_AND_ADMINS),
    "study:records_meetings": page("/study/records/meetings/", **STAFF_AND_ADMINS),
    "study:records_compliance": page("/study/records/compliance/", **STAFF_AND_ADMINS),
    # API
    "api-v1:study_sessions": api("/api/v1/study/sessions", **STAFF_AND_ADMINS),
    "api-v1:study_session": api("/api/v1/study/sessions/{session_a}", **IN_A_AND_MEMBER),
    "api-v1:study_observer_tasks": api("/api/v1/study/observer-tasks", **EVERYONE),
    "api-v1:study_classes": api("/api/v1/study/classes", **STAFF_AND_ADMINS),
    "api-v1:study_open_classes": api("/api/v1/study/classes/open", member=200),
    "api-v1:study_class": api("/api/v1/study/classes/{class_open}", **IN_A_AND_MEMBER),
    "api-v1:study_signup": api("/api/v1/study/classes/{class_open}/signup", method="POST", member=200),
    "api-v1:study_checkin": api("/api/v1/study/checkin/{token_today}", method="POST", member=200),
    "api-v1:study_meetings": api("/api/v1/study/meetings", **STAFF_AND_ADMINS),
    "api-v1:study_calendar": api("/api/v1/study/calendar/A01", **IN_A),
    "api-v1:study_behind": api("/api/v1/study/behind", **STAFF_AND_ADMINS),
    "api-v1:study_me": api("/api/v1/study/me", member=200),
}
