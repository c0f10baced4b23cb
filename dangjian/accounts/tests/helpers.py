"""Shared steps of the account tests: logging in through the real form, one-time codes."""

from __future__ import annotations

import time

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangjian.accounts.models import SecurityPolicy
from dangjian.core.testing import PASSWORD


def log_in(client: Client, username: str, password: str = PASSWORD, address: str = "10.1.2.3"):
    """POST the login form as a browser would (django-axes sees the request)."""
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The 6-digit code the phone shows now (or STEPS_AHEAD 30-second steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def set_policy(**values) -> SecurityPolicy:
    policy = SecurityPolicy.load()
    for name, value in values.items():
        setattr(policy, name, value)
    policy.save()
    return policy
