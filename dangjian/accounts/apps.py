from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangjian.accounts"
    label = "accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from . import lockout, signals  # noqa: F401  (audit receivers of logins and locks)
