"""Party-member volunteer service (志愿服务): corps, brigades, teams, activities, hours, certificates.

Where things are:
- models/: structure.py (Corps 总队 → Brigade 支队 → Team 分队, Volunteer, Pairing 结对共建),
  activities.py (Activity, Participation = a sign-up, HoursAdjustment), records.py (ServiceRecord
  志愿服务记录, RecordCorrection, Certificate 志愿服务证明).
- services/: every write, one function per use case. signup.py holds the no-overbooking rule:
  a sign-up locks the activity row (SELECT … FOR UPDATE on PostgreSQL; BEGIN IMMEDIATE on
  SQLite) before counting places; tests/test_signup_burst.py fires 300 sign-ups at once.
- errors.py: every refusal, a core.errors.Refusal subclass with a stable code (signup_closed,
  already_signed_up, time_clash, checkin_not_open …); tests assert the codes, the API returns them.
- selectors.py (scoped reads), permissions.py (who organizes, who corrects), views/ (one module per
  use case), api.py (/api/v1/volunteer), stats.py (volunteer.* figures), demo/ (seeder), conf.py
  (VolunteerSettings, typed; a deployment overrides them in settings.DANGJIAN["volunteer"]).

Decisions worth knowing:
- Hours are actual service time: from the later of check-in and the planned start to the earlier of
  check-out and the planned end, rounded down to 30 minutes (VolunteerSettings.hours_step_minutes). The organizer may
  change a figure with a reason, then confirms; confirmation writes the records and locks them.
  Afterwards only committee staff correct a record, with a reason kept beside it.
- Whoever organizes records, whoever records certifies: the corps is the recording body, so it is the
  issuer on every certificate, with its leader as person in charge and its handler and phone.
- A certificate is one A4 page (tests/test_certificate_pdf.py). Asked again on the same day for the
  same records, certificate_issue returns the one already issued instead of a second number.
- ID numbers on certificates: the PDF shows the full number, as the national form asks, and is handed
  only to the person and to those who may reveal their personal data (each download is an audit
  REVEAL); the public verification page (/volunteer/verify/, no login) shows only the masked name
  (张*国), hours, issuer, date and whether the certificate is valid or void. Certificate numbers carry
  ten random characters, so the public page cannot be walked through.
"""
