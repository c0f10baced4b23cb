"""Setup checks: which organizations break the party's rules on how they are set up.

Each finding names the rule code, the organization, a Chinese sentence that
says which count it used, and the regulation it rests on. The numbers come
from `OrgsSettings` (local practice varies: settings.DANGJIAN["orgs"]), never from literals here.

Counting. "党员" below means full and probationary members (the regulations
count party members, not the activists and non-party cadres also on the
roster); the messages say whether a count is of full members only and
whether it covers the organization alone or the organization and all below it.

Party groups (党小组) have no secretary and no term: a group is led by a
组长 that its branch appoints, so a group is checked for a current 组长
(GROUP_NO_LEADER) instead of NO_SECRETARY, and never for terms.

The checks read a `selectors.Snapshot`, so a whole committee (400
organizations, 12,000 people) costs the same half-dozen queries as one branch.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from .conf import OrgsSettings
from .models import Organization, OrgKind
from .selectors import OrgRow, Snapshot, TermStatus, load_snapshot, subtree_of, with_children
from .services import min_candidates

BRANCH_TOO_FEW_MEMBERS = "BRANCH_TOO_FEW_MEMBERS"
BRANCH_NEEDS_COMMITTEE = "BRANCH_NEEDS_COMMITTEE"
BRANCH_TOO_LARGE = "BRANCH_TOO_LARGE"
BRANCH_NEEDS_GROUPS = "BRANCH_NEEDS_GROUPS"
GROUP_TOO_SMALL = "GROUP_TOO_SMALL"
GROUP_NO_LEADER = "GROUP_NO_LEADER"
JOINT_BRANCH_TOO_MANY_UNITS = "JOINT_BRANCH_TOO_MANY_UNITS"
GENERAL_BRANCH_SIZE = "GENERAL_BRANCH_SIZE"
PARTY_COMMITTEE_SIZE = "PARTY_COMMITTEE_SIZE"
TERM_DUE_SOON = "TERM_DUE_SOON"
TERM_OVERDUE = "TERM_OVERDUE"
NO_TERM_RECORD = "NO_TERM_RECORD"
ELECTION_FEW_CANDIDATES = "ELECTION_FEW_CANDIDATES"
NO_SECRETARY = "NO_SECRETARY"

# Display order and short Chinese names (filters, counts, table headings).
LABELS: dict[str, str] = {
    BRANCH_TOO_FEW_MEMBERS: "支部正式党员不足",
    BRANCH_NEEDS_COMMITTEE: "应设支委会未设",
    BRANCH_TOO_LARGE: "支部党员人数过多",
    BRANCH_NEEDS_GROUPS: "应划分党小组未划分",
    GROUP_TOO_SMALL: "党小组人数不足",
    GROUP_NO_LEADER: "党小组无组长",
    JOINT_BRANCH_TOO_MANY_UNITS: "联合支部覆盖单位过多",
    GENERAL_BRANCH_SIZE: "党总支规模不符",
    PARTY_COMMITTEE_SIZE: "党委规模不符",
    TERM_DUE_SOON: "任期即将届满",
    TERM_OVERDUE: "换届超期",
    NO_TERM_RECORD: "无换届记录",
    ELECTION_FEW_CANDIDATES: "差额比例不足",
    NO_SECRETARY: "无现任书记",
}
CODES = list(LABELS)

BRANCH_RULES = "《中国共产党支部工作条例（试行）》"
ORGAN_RULES = "《中国共产党党和国家机关基层组织工作条例》"
ELECTION_RULES = "《中国共产党基层组织选举工作条例》"


@dataclass(frozen=True)
class Finding:
    code: str
    org_code: str
    org_name: str
    message: str
    rule: str
    org_path: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        return LABELS.get(self.code, self.code)

    def as_dict(self) -> dict[str, str]:
        """The published shape (command JSON, API): exactly these five keys."""
        return {
            "code": self.code,
            "org_code": self.org_code,
            "org_name": self.org_name,
            "message": self.message,
            "rule": self.rule,
        }


def rule_text(code: str) -> str:
    """The regulation CODE rests on, with the numbers configured for this deployment."""
    return _rule_texts(OrgsSettings.current())[code]


# The texts for the settings in force (a new OrgsSettings object whenever the settings change).
_texts_for: tuple[OrgsSettings, dict[str, str]] | None = None


def _rule_texts(c: OrgsSettings) -> dict[str, str]:
    global _texts_for
    if _texts_for is not None and _texts_for[0] is c:
        return _texts_for[1]
    lo, hi = c.general_branch_range
    years = c.term_years
    min_full, committee_from = c.branch_min_full_members, c.branch_committee_from
    surplus = c.surplus_percent
    texts = {
        BRANCH_TOO_FEW_MEMBERS: f"{BRANCH_RULES}第五条：凡是有正式党员{min_full}人以上的，都应当成立党支部；"
        f"正式党员不足{min_full}人的单位，可以与邻近单位的党员联合成立党支部",
        BRANCH_NEEDS_COMMITTEE: f"{BRANCH_RULES}第九条：有正式党员{committee_from}人以上的党支部，"
        "应当设立党支部委员会，由党员大会选举产生",
        BRANCH_TOO_LARGE: f"{BRANCH_RULES}第五条：党支部党员人数一般不超过{c.branch_max_members}人",
        BRANCH_NEEDS_GROUPS: f"{BRANCH_RULES}：党员人数较多的党支部，应当划分若干党小组，并设立党小组组长"
        f"（本地规定：党员{c.branch_groups_from}人以上的党支部划分党小组）",
        GROUP_TOO_SMALL: f"{BRANCH_RULES}：党支部内可以划分若干党小组"
        f"（本地规定：党小组一般不少于{c.group_min_members}名党员，且至少有1名正式党员）",
        GROUP_NO_LEADER: f"{BRANCH_RULES}：划分党小组的，应当设立党小组组长，"
        "由党支部指定，也可以由所在党小组党员推荐产生",
        JOINT_BRANCH_TOO_MANY_UNITS: f"{BRANCH_RULES}第五条：联合党支部覆盖单位一般不超过{c.joint_branch_max_units}个",
        GENERAL_BRANCH_SIZE: f"{ORGAN_RULES}：党员{lo}人以上、{hi}人以下的，可以设立党的总支部委员会；"
        "不在此范围而因工作需要设立的，须经上级党组织批准",
        PARTY_COMMITTEE_SIZE: f"{ORGAN_RULES}：党员{c.party_committee_min}人以上的，设立党的基层委员会；"
        f"党员不足{c.party_committee_min}人、因工作需要设立的，须经上级党组织批准",
        TERM_DUE_SOON: f"{ELECTION_RULES}：党的基层组织任期届满应当按期进行换届选举"
        f"（上级党组织在任期届满前{c.term_remind_months}个月提醒督促）",
        TERM_OVERDUE: f"{ELECTION_RULES}：任期届满应当按期进行换届选举；需要延期或者提前进行换届选举的，"
        f"应当报上级党组织批准，延长或者提前期限一般不超过{c.term_max_delay_years}年",
        NO_TERM_RECORD: f"{ELECTION_RULES}：党的基层委员会每届任期{years['party_committee']}年，"
        f"总支部委员会、支部委员会每届任期{years['branch']}年，任期届满应当按期进行换届选举",
        ELECTION_FEW_CANDIDATES: f"{ELECTION_RULES}：委员实行差额选举，候选人数应多于应选人数的{surplus}%",
        NO_SECRETARY: f"{BRANCH_RULES}第九条、{ELECTION_RULES}："
        "党的基层组织设书记1名，由委员会选举产生或党员大会选举产生",
    }
    _texts_for = (c, texts)
    return texts


def _party(counts_label: str, n: int, full: int) -> str:
    return f"党员{n}名（其中正式党员{full}名，{counts_label}）"


def check_row(row: OrgRow) -> list[Finding]:
    """The findings for one organization (its children must be in the snapshot)."""
    c = OrgsSettings.current()
    org, total = row.org, row.total
    out: list[tuple[str, str]] = []
    scope = "本组织及下级合计"

    if org.kind == OrgKind.BRANCH:
        if total.full < c.branch_min_full_members:
            out.append(
                (
                    BRANCH_TOO_FEW_MEMBERS,
                    f"正式党员{total.full}名（{scope}），少于{c.branch_min_full_members}名，"
                    "不符合单独成立党支部的条件，可考虑与邻近单位组建联合党支部",
                )
            )
        if total.full >= c.branch_committee_from and not org.has_branch_committee:
            out.append(
                (
                    BRANCH_NEEDS_COMMITTEE,
                    f"正式党员{total.full}名（{scope}），达到{c.branch_committee_from}名，但未登记设立支部委员会",
                )
            )
        if total.party > c.branch_max_members:
            out.append(
                (
                    BRANCH_TOO_LARGE,
                    f"{_party(scope, total.party, total.full)}，超过{c.branch_max_members}名，"
                    "宜分设党支部或经批准设立党总支",
                )
            )
        if total.party >= c.branch_groups_from and not row.has_group_children:
            out.append(
                (
                    BRANCH_NEEDS_GROUPS,
                    f"{_party(scope, total.party, total.full)}，达到{c.branch_groups_from}名，但下设党小组0个",
                )
            )
        if len(row.units) > c.joint_branch_max_units:
            out.append(
                (
                    JOINT_BRANCH_TOO_MANY_UNITS,
                    f"覆盖{len(row.units)}个单位（{'、'.join(row.units)}），"
                    f"超过联合党支部{c.joint_branch_max_units}个单位的上限",
                )
            )

    if org.kind == OrgKind.GROUP:
        too_few = total.party < c.group_min_members
        if too_few or total.full == 0:
            reasons = []
            if too_few:
                reasons.append(f"少于{c.group_min_members}名")
            if total.full == 0:
                reasons.append("没有正式党员")
            out.append((GROUP_TOO_SMALL, f"{_party('本小组', total.party, total.full)}，{'，且'.join(reasons)}"))
        if row.group_leader is None:
            out.append((GROUP_NO_LEADER, "未登记现任党小组组长（党内职务为“党小组组长”且未免职）"))

    if org.kind == OrgKind.GENERAL_BRANCH and not org.approval_doc.strip():
        lo, hi = c.general_branch_range
        if not lo <= total.party <= hi:
            out.append(
                (
                    GENERAL_BRANCH_SIZE,
                    f"{_party(scope, total.party, total.full)}，不在{lo}–{hi}名范围内，且未登记上级批准文号",
                )
            )

    if org.kind == OrgKind.PARTY_COMMITTEE and not org.approval_doc.strip():
        if total.party < c.party_committee_min:
            out.append(
                (
                    PARTY_COMMITTEE_SIZE,
                    f"{_party(scope, total.party, total.full)}，不足{c.party_committee_min}名，且未登记上级批准文号",
                )
            )

    out.extend(_term_findings(row))

    if org.kind != OrgKind.GROUP and row.secretary is None:
        out.append((NO_SECRETARY, "未登记现任书记（党内职务为“书记”且未免职）"))

    texts = _rule_texts(c)  # the settings read once for the row, not once per finding
    return [
        Finding(code=code, org_code=org.code, org_name=org.name, message=message, rule=texts[code], org_path=org.path)
        for code, message in out
    ]


def _d(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _term_findings(row: OrgRow) -> list[tuple[str, str]]:
    term, org = row.term, row.org
    out: list[tuple[str, str]] = []
    if term.status == TermStatus.NOT_APPLICABLE:
        return out
    if term.status == TermStatus.NO_RECORD:
        out.append(
            (
                NO_TERM_RECORD,
                f"{org.get_kind_display()}每届任期{org.effective_term_years}年，但未登记任何换届选举，"
                "无法确定任期届满时间",
            )
        )
        return out
    election = term.election
    assert election is not None and term.due_on is not None and term.ends_on is not None
    began = f"本届任期自{_d(election.held_on)}选举产生，任期{term.years}年"
    if term.status == TermStatus.OVERDUE:
        if term.extension is not None:
            out.append(
                (
                    TERM_OVERDUE,
                    f"{began}，应于{_d(term.due_on)}届满；经批准（{term.extension.doc_number}）延期至"
                    f"{_d(term.ends_on)}，现已超期{term.days_overdue}天，仍未登记换届选举",
                )
            )
        else:
            out.append(
                (
                    TERM_OVERDUE,
                    f"{began}，已于{_d(term.due_on)}届满，超期{term.days_overdue}天，未登记新的换届选举，也无批准延期",
                )
            )
    elif term.due_soon:
        delayed = f"（经批准延期至{_d(term.ends_on)}）" if term.extension is not None else ""
        out.append(
            (TERM_DUE_SOON, f"{began}，将于{_d(term.ends_on)}届满{delayed}，距今{term.days_left}天，请及时筹备换届选举")
        )
    seats, candidates = election.seats, election.candidates
    if seats and candidates is not None and candidates < min_candidates(seats):
        out.append(
            (
                ELECTION_FEW_CANDIDATES,
                f"{_d(election.held_on)}换届选举应选{seats}名、候选人{candidates}名，"
                f"差额不足（至少应有{min_candidates(seats)}名候选人）",
            )
        )
    return out


def evaluate(snapshot: Snapshot, rows: Iterable[OrgRow] | None = None) -> list[Finding]:
    """Findings for ROWS (default: every organization of SNAPSHOT), also kept on each row."""
    findings: list[Finding] = []
    for row in snapshot.rows if rows is None else rows:
        row.findings = check_row(row)
        findings.extend(row.findings)
    return findings


def findings_for(orgs: QuerySet[Organization], *, today: dt.date | None = None) -> list[Finding]:
    """Findings for every organization in ORGS, a subtree-closed (scoped) queryset."""
    return evaluate(load_snapshot(orgs, as_of=today))


def findings_for_subtree(org: Organization, *, today: dt.date | None = None) -> list[Finding]:
    return findings_for(subtree_of(org), today=today)


def findings_for_org(org: Organization, *, today: dt.date | None = None) -> list[Finding]:
    """Findings for ORG alone (loads it with its children only)."""
    snapshot = load_snapshot(with_children(org), as_of=today)
    return evaluate(snapshot, [snapshot.by_path[org.path]])


def filter_findings(findings: list[Finding], *, code: str = "", path: str = "") -> list[Finding]:
    return [f for f in findings if (not code or f.code == code) and (not path or f.org_path.startswith(path))]


def counts_by_code(findings: Iterable[Finding]) -> list[tuple[str, str, int]]:
    """(code, label, number) for each code, in display order, codes with no finding included."""
    counted = Counter(f.code for f in findings)
    return [(code, LABELS[code], counted.get(code, 0)) for code in CODES]
