"""The web toolkit every app's views share: one helper for each thing pages do alike.

- forms: attaching a service's errors to a form, the Bootstrap form mixin, the
  date and time widgets, organization and person choice fields;
- params: reading ?year=, ?page=, ?offset= with a clear 400 on nonsense;
- pagination: one paginator;
- exports: a recorded Excel download (audit entry, file name, sheet title).
"""

from .exports import export_query, wants_xlsx, xlsx_download
from .forms import (
    BootstrapForm,
    BootstrapFormMixin,
    BootstrapModelForm,
    DateInput,
    DateTimeInput,
    OrgChoiceField,
    OrgMultipleChoiceField,
    PersonChoiceField,
    TimeInput,
    attach_errors,
    error_text,
    flash_errors,
)
from .pagination import page_query, paginate
from .params import ApiOffset, ApiYear, BadParameter, api_validation_message, int_param, year_param

__all__ = [
    "ApiOffset",
    "ApiYear",
    "BadParameter",
    "BootstrapForm",
    "BootstrapFormMixin",
    "BootstrapModelForm",
    "DateInput",
    "DateTimeInput",
    "OrgChoiceField",
    "OrgMultipleChoiceField",
    "PersonChoiceField",
    "TimeInput",
    "api_validation_message",
    "attach_errors",
    "error_text",
    "export_query",
    "flash_errors",
    "int_param",
    "page_query",
    "paginate",
    "wants_xlsx",
    "xlsx_download",
    "year_param",
]
