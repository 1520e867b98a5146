"""`manage.py check --deploy` with production settings (no DEBUG) is clean, and TLS is settable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def deploy_check(**env) -> str:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest for Playwright; production has none.
    unset = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(
        SECRET_KEY="x" * 20 + "-a-long-random-production-key-0123456789", ALLOWED_HOSTS="minutes.example"
    )
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    return result.stdout + result.stderr


def test_production_defaults_pass_the_deploy_check():
    output = deploy_check()
    assert "security.W004" not in output and "security.W008" not in output, output
    assert "no issues" in output, output


@pytest.mark.parametrize(
    ("variable", "warning"), [("SECURE_HSTS_SECONDS", "security.W004"), ("SECURE_SSL_REDIRECT", "security.W008")]
)
def test_tls_settings_come_from_the_environment(variable, warning):
    assert warning in deploy_check(**{variable: "0"})


def test_proxy_header_from_the_environment():
    code = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    environment = {**os.environ, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto", "DEBUG": "1"}
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    ).stdout
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in output
