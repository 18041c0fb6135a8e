"""The demo's documents (demo/library.py): every generated file passes the upload checks,
the PDF is a well-formed PDF, and loading twice adds nothing."""

from __future__ import annotations

import re
from collections import Counter
from types import SimpleNamespace

import pytest

from digitalagentur.demo.library import LABEL, load_library, simple_pdf
from digitalagentur.library import services
from digitalagentur.library.choices import Visibility
from digitalagentur.library.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once(region, town):
    loader = SimpleNamespace(created=Counter())
    load_library(loader, region)
    assert loader.created[LABEL] == Document.objects.count() == 4
    assert all(d.is_demo for d in Document.objects.all())
    assert Document.objects.filter(visibility=Visibility.PUBLIC).count() == 2
    checklist = Document.objects.get(title__startswith="Checkliste")
    assert checklist.current_version.number == 2
    pdf = DocumentVersion.objects.get(content_type="application/pdf")
    assert services.version_content(pdf).startswith(b"%PDF-1.4")
    load_library(loader, region)
    assert Document.objects.count() == 4 and DocumentVersion.objects.count() == 5


def test_the_pdf_has_a_correct_cross_reference_table():
    pdf = simple_pdf(["Grüße (aus) Dülmen \\ ok"])
    start = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf[start:].startswith(b"xref\n0 6\n")
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj" % number)
    assert b"Gr\xfc\xdfe \\(aus\\) D\xfclmen \\\\ ok" in pdf
