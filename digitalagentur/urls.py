from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language

from digitalagentur.accounts.urls import auth_urlpatterns

urlpatterns = [
    # Login (/anmelden/, with the 2FA step), logout (/abmelden/) and password reset.
    *auth_urlpatterns,
    path("konto/", include("digitalagentur.accounts.urls")),
    # Choosing a language only sets a cookie, so the switcher in every page's footer carries no
    # CSRF token: pages stay the same for every visitor and can be cached (tenancy/pagecache.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # The admin site's own login would skip the code step (and reset django-axes' count).
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("intern/", include("digitalagentur.staff.urls")),
    path("api/", include("digitalagentur.api.urls")),
    path("oparl/v1/", include("digitalagentur.api.oparl.urls")),
    path("", include("digitalagentur.public.urls")),
]

# JSON under /api/, a German page elsewhere; 503 when the database cannot store anything.
handler500 = "digitalagentur.core.errors.server_error"
