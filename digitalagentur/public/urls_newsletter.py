"""Newsletter routes (issue 13, section 1), in the `public` namespace, under /newsletter/:
the subscription form and its thanks page, the confirmation link (double opt-in) and the
unsubscribe link (public/newsletter.py), and the archive of the issues sent with its feed
(public/newsletter_archive.py). The mails reverse `newsletter_confirm` and
`newsletter_unsubscribe`; their paths are part of mails already sent and must not change."""

from django.urls import path

from . import newsletter, newsletter_archive

urlpatterns = [
    path("", newsletter.newsletter_subscribe, name="newsletter"),
    path("danke/", newsletter.newsletter_thanks, name="newsletter_thanks"),
    path(
        "bestaetigen/<str:token>/",
        newsletter.newsletter_confirm,
        name="newsletter_confirm",
    ),
    path(
        "abmelden/<str:key>/",
        newsletter.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path("archiv/", newsletter_archive.newsletter_archive, name="newsletter_archive"),
    path("archiv/feed/", newsletter_archive.NewsletterFeed(), name="newsletter_feed"),
    path("archiv/<int:pk>/", newsletter_archive.newsletter_issue, name="newsletter_issue"),
]
