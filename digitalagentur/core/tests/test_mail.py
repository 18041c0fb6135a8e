"""Outgoing mail reaches a real SMTP server through Django's SMTP backend."""

from django.core.mail import send_mail


def test_mail_is_delivered_to_the_smtp_server_on_loopback(smtp_server):
    sent = send_mail("Betreff äöü", "Hallo Welt", "absender@example.org", ["ziel@example.org"])

    assert sent == 1
    assert len(smtp_server) == 1
    message = smtp_server[0]
    assert message["Subject"] == "Betreff äöü"
    assert message["X-Envelope-To"] == "ziel@example.org"
    assert message.get_content().strip() == "Hallo Welt"
