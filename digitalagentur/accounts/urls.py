"""Routes of the accounts app.

`auth_urlpatterns` are included at the root without a namespace (the names `login`, `logout`
and Django's password reset names are used by Django and templates); the account pages are
under /konto/ in the namespace `accounts`.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from .views import login, profile, registration, two_factor

auth_urlpatterns = [
    path("anmelden/", login.LoginView.as_view(), name="login"),
    path("anmelden/code/", login.LoginCodeView.as_view(), name="login_code"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("passwort-vergessen/", login.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        login.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        login.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        login.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

app_name = "accounts"

urlpatterns = [
    path("", profile.ProfileView.as_view(), name="profile"),
    path("registrieren/", registration.RegisterView.as_view(), name="register"),
    path("registrieren/gesendet/", registration.register_sent, name="register_sent"),
    path(
        "registrieren/bestaetigen/<str:token>/",
        registration.RegisterConfirmView.as_view(),
        name="register_confirm",
    ),
    path("passwort/", login.PasswordChangeView.as_view(), name="password_change"),
    path("e-mail/", profile.EmailChangeView.as_view(), name="email_change"),
    path(
        "e-mail/bestaetigen/<str:token>/",
        profile.EmailConfirmView.as_view(),
        name="email_confirm",
    ),
    path("ueberall-abmelden/", profile.LogoutEverywhereView.as_view(), name="logout_everywhere"),
    path("region-sicherheit/", profile.PolicyView.as_view(), name="policy"),
    path(
        "zwei-faktor/einrichten/", two_factor.TwoFactorSetupView.as_view(), name="two_factor_setup"
    ),
    path(
        "zwei-faktor/wiederherstellungscodes/",
        two_factor.RecoveryCodesView.as_view(),
        name="recovery_codes",
    ),
    path(
        "zwei-faktor/ausschalten/",
        two_factor.TwoFactorDisableView.as_view(),
        name="two_factor_disable",
    ),
]
