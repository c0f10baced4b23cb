from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangjian.accounts"
    label = "accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from dangjian.demo.extensions import register_seeder

        from . import lockout, signals  # noqa: F401  (audit receivers of logins and locks)
        from .demo import register_for_listing, seed_administrators

        register_seeder("accounts", seed_administrators)
        register_for_listing()
