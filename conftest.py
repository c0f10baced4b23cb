"""pytest configuration shared by the whole suite."""

from __future__ import annotations

import pytest


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    # Argon2 at production strength costs ~0.1 s a hash, and every test builds a
    # World with five users. Same algorithm (hashes still start with "argon2"),
    # minimal cost: the suite runs several times faster.
    from django.contrib.auth.hashers import Argon2PasswordHasher

    Argon2PasswordHasher.time_cost = 1
    Argon2PasswordHasher.memory_cost = 8
    Argon2PasswordHasher.parallelism = 1
