"""Light formatting of news posts (core/formatting.py): Markdown becomes a small allowlist of
HTML; typed HTML, scripts, event handlers and javascript: links never reach a page."""

from __future__ import annotations

import pytest

from digitalagentur.core.formatting import ALLOWED_TAGS, clean_html, markdown_html, render_markdown


def test_markdown_gives_the_allowed_formatting():
    html = markdown_html(
        "Ein **fetter** und ein *kursiver* Satz.\n\n"
        "## Zwischentitel\n\n"
        "- eins\n- zwei\n\n"
        "1. erstens\n\n"
        "> Zitat\n\n"
        "Zeile  \numbrochen"
    )
    assert "<strong>fetter</strong>" in html and "<em>kursiver</em>" in html
    assert "<h3>Zwischentitel</h3>" in html
    assert "<ul>\n<li>eins</li>" in html and "<ol>\n<li>erstens</li>" in html
    assert "<blockquote>\n<p>Zitat</p>\n</blockquote>" in html
    assert "Zeile<br>" in html


def test_headings_stay_below_the_pages_own():
    html = markdown_html("# Eins\n\n## Zwei\n\n### Drei\n\n#### Vier\n\n###### Sechs")
    assert html.count("<h3>") == 3 and html.count("<h4>") == 2
    assert "<h1" not in html and "<h2" not in html and "<h5" not in html


def test_links_only_to_http_https_and_mailto_with_rel():
    html = markdown_html(
        "[Web](https://example.org/a) [Alt](http://example.org) [Post](mailto:a@example.org) "
        "[Böse](javascript:alert(1)) [Daten](data:text/html,x) [Relativ](/intern/) "
        "<https://example.org/auto>"
    )
    assert '<a href="https://example.org/a" rel="noopener nofollow">Web</a>' in html
    assert 'href="http://example.org"' in html and 'href="mailto:a@example.org"' in html
    assert 'href="https://example.org/auto"' in html
    assert "javascript:" not in html.replace("[Böse](javascript:alert(1))", "")
    assert 'href="javascript' not in html and 'href="data' not in html and 'href="/' not in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<a href="https://example.org" onclick="steal()">klick</a>',
        "<img src=x onerror=alert(1)>",
        '<iframe src="https://example.org"></iframe>',
        "<style>body{display:none}</style>",
    ],
)
def test_typed_html_is_text_not_markup(text):
    html = markdown_html(text)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "<style" not in html and "<a" not in html  # no element, so no handler either
    assert "&lt;" in html  # shown as text


def test_images_are_not_made():
    html = markdown_html("![Logo](https://example.org/logo.png)")
    assert "<img" not in html
    assert 'href="https://example.org/logo.png"' in html


def test_the_cleaner_removes_what_the_allowlist_lacks():
    dirty = (
        '<p onclick="x()">Hallo <script>alert(1)</script><b>fett</b> '
        '<a href="javascript:alert(1)" onmouseover="x()">a</a> '
        '<a href="https://example.org" rel="opener" target="_blank">b</a></p>'
        "<table><tr><td>Zelle</td></tr></table><h1>Groß</h1><!-- Kommentar -->"
    )
    html = clean_html(dirty)
    assert "onclick" not in html and "onmouseover" not in html and "script" not in html
    assert "alert" not in html and "javascript" not in html and "<b>" not in html
    assert 'target="' not in html and "Kommentar" not in html
    assert "<table" not in html and "<h1" not in html
    assert "Zelle" in html and "Groß" in html and "fett" in html
    assert '<a href="https://example.org" rel="noopener nofollow">b</a>' in html
    tags = {part.split(">")[0].split()[0].strip("/") for part in html.split("<")[1:]}
    assert tags <= ALLOWED_TAGS


def test_empty_text_and_safe_string():
    assert markdown_html("") == "" and markdown_html("   \n") == ""
    assert markdown_html(None) == ""
    rendered = render_markdown("Text & <b>mehr</b>")
    assert hasattr(rendered, "__html__")
    assert str(rendered) == "<p>Text &amp; &lt;b&gt;mehr&lt;/b&gt;</p>"
