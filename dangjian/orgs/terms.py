"""An organization's current term (换届): elected on, length, due date,
approved delay, and its status on a given day."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .conf import OrgsSettings
from .models import Election, Organization, TermExtension, add_years


def add_months(day: dt.date, months: int) -> dt.date:
    """DAY moved by MONTHS calendar months (31 August + 6 months → 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class TermStatus:
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    EXTENDED = "extended"
    NO_RECORD = "no_record"
    NOT_APPLICABLE = "not_applicable"

    labels = {
        OK: "正常",
        DUE_SOON: "即将到期",
        OVERDUE: "已超期",
        EXTENDED: "已批准延期",
        NO_RECORD: "无换届记录",
        NOT_APPLICABLE: "不实行任期制",
    }
    badges = {
        OK: "text-bg-success",
        DUE_SOON: "text-bg-warning",
        OVERDUE: "text-bg-danger",
        EXTENDED: "text-bg-info",
        NO_RECORD: "text-bg-secondary",
        NOT_APPLICABLE: "text-bg-light border",
    }


@dataclass
class Term:
    """An organization's current term as of a day."""

    status: str
    election: Election | None = None
    years: int | None = None
    due_on: dt.date | None = None  # the regular end: elected on + years
    extension: TermExtension | None = None
    ends_on: dt.date | None = None  # the end that applies: an approved delay (capped at the limit) or due_on
    due_soon: bool = False  # ends within the reminder window (and has not ended)
    as_of: dt.date | None = None

    @property
    def status_label(self) -> str:
        return TermStatus.labels[self.status]

    @property
    def badge(self) -> str:
        return TermStatus.badges[self.status]

    @property
    def days_left(self) -> int | None:
        return (self.ends_on - self.as_of).days if self.ends_on and self.as_of else None

    @property
    def days_overdue(self) -> int | None:
        left = self.days_left
        return -left if left is not None and left < 0 else None


def term_of(org: Organization, election: Election | None, extensions: list[TermExtension], as_of: dt.date) -> Term:
    """The term of ORG on AS_OF, given its latest election by then and the delays approved for it."""
    cfg = OrgsSettings.current()
    org_years = org.term_years or cfg.term_years.get(org.kind)  # org.effective_term_years, settings read once
    if org_years is None:
        return Term(status=TermStatus.NOT_APPLICABLE, as_of=as_of)
    if election is None:
        return Term(status=TermStatus.NO_RECORD, as_of=as_of)
    years = election.term_years or org_years
    due_on = add_years(election.held_on, years)
    extension = max(extensions, key=lambda e: e.extended_to) if extensions else None
    ends_on = due_on
    if extension is not None:
        # A delay longer than the rules allow (an import may carry one) only counts up to the limit.
        ends_on = min(extension.extended_to, add_years(due_on, cfg.term_max_delay_years))
    due_soon = as_of <= ends_on <= add_months(as_of, cfg.term_remind_months)
    if as_of > ends_on:
        status = TermStatus.OVERDUE
    elif as_of > due_on:
        status = TermStatus.EXTENDED
    elif due_soon:
        status = TermStatus.DUE_SOON
    else:
        status = TermStatus.OK
    return Term(
        status=status,
        election=election,
        years=years,
        due_on=due_on,
        extension=extension,
        ends_on=ends_on,
        due_soon=due_soon,
        as_of=as_of,
    )
