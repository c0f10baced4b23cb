"""Every write of the dues module: one transaction each, audited (auditlog), refusals typed."""

from .bases import base_declare
from .importing import import_bases_file
from .keepers import keeper_appoint, keeper_revoke
from .payments import extra_record, payment_record, payment_void
from .rates import monthly_dues, rate_for, to_money
from .remittances import remittance_cancel, remittance_confirm, remittance_record

__all__ = [
    "base_declare",
    "extra_record",
    "import_bases_file",
    "keeper_appoint",
    "keeper_revoke",
    "monthly_dues",
    "payment_record",
    "payment_void",
    "rate_for",
    "remittance_cancel",
    "remittance_confirm",
    "remittance_record",
    "to_money",
]
