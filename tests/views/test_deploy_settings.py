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


# Issue 18.12 and new user 2: a weak key refuses to start, a CSP on every page, static files served.


@pytest.mark.parametrize(
    ("key", "reason"),
    [("short-key", "fewer than 50"), ("ab" * 30, "fewer than 5"), ("django-insecure-" + "x1y2z3" * 10, "development")],
)
def test_a_weak_secret_key_refuses_to_start_without_debug(key, reason):
    output = deploy_check(SECRET_KEY=key)
    assert "ImproperlyConfigured" in output and "SECRET_KEY is too weak" in output and reason in output, output


def test_a_weak_secret_key_is_fine_for_development():
    assert "SECRET_KEY is too weak" not in deploy_check(SECRET_KEY="short-key", DEBUG="1")


@pytest.mark.django_db
def test_every_public_page_has_a_content_security_policy_its_markup_keeps(client, public_site):
    from tests.routes import public_urls, site_samples

    for route, url in public_urls(site_samples()):
        response = client.get(url)
        policy = response.headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy and "object-src 'none'" in policy, route
        if route == "api/docs":  # django-ninja's Swagger UI: inline scripts allowed there alone
            assert "'unsafe-inline'" in policy.split("script-src")[1].split(";")[0]
            continue
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0], route
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            assert "<style" not in html, route  # inline style elements would be refused
            assert all('src="' in tag.split(">")[0] for tag in html.split("<script")[1:]), route


@pytest.mark.django_db
def test_static_files_and_the_404_page_have_their_css_without_debug(client, settings):
    settings.DEBUG = False
    missing = client.get("/no/such/page/")
    assert missing.status_code == 404
    assert "/static/archive/site.css" in missing.content.decode()
    css = client.get("/static/archive/site.css")
    assert css.status_code == 200 and "text/css" in css["Content-Type"]
    assert client.get("/static/archive/site.js").status_code == 200
