"""PDFs from HTML templates, readable by a screen reader: tagged PDF/UA-1 (a structure tree
of headings, paragraphs, tables with their headers and images with their alternative text),
with the document's language (the template's `<html lang>`) and title (its `<title>`)."""

from __future__ import annotations

from django.conf import settings

PDF_VARIANT = "pdf/ua-1"


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, only needed for PDFs

    base_url = str(settings.BASE_DIR / "passerelle" / "static")
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)
