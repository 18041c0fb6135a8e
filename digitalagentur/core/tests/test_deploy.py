"""`digitalagentur check --deploy` is clean with production settings."""

import os
import secrets
import subprocess
import sys


def production(tmp_path, **extra) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "digitalagentur.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "digital.example.org",
        "DIGITALAGENTUR_VAR_DIR": str(tmp_path),
        **extra,
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests; never in production
    return env


def digitalagentur(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "digitalagentur", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = production(tmp_path)
    # A deployment collects its static files first (else check warns: digitalagentur.W001).
    collected = digitalagentur(env, "collectstatic", "--noinput", "-v", "0")
    assert collected.returncode == 0, collected.stderr
    result = digitalagentur(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = digitalagentur(production(tmp_path, DJANGO_SECRET_KEY=""), "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_plain_http_mode_is_refused_for_public_host_names(tmp_path):
    env = production(
        tmp_path, DJANGO_ALLOWED_HOSTS="127.0.0.1,digital.example.org", DIGITALAGENTUR_HTTPS="0"
    )
    result = digitalagentur(env, "check")
    assert result.returncode != 0
    assert "DIGITALAGENTUR_HTTPS=0 is only for local hosts" in result.stderr
