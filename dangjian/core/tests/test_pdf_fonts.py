"""PDFs embed only the glyphs they use of the CJK font, cut out by HarfBuzz (libharfbuzz-subset0).

Without HarfBuzz's subsetter WeasyPrint falls back to fontTools, which goes over every one of
Noto CJK's 65,535 glyphs: some 30 seconds for each certificate, on the server and in the tests."""

from django.test import SimpleTestCase


class PdfFontTests(SimpleTestCase):
    def test_weasyprint_subsets_fonts_with_harfbuzz(self):
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

        self.assertIsNotNone(
            harfbuzz_subset,
            "libharfbuzz-subset0 is missing: `make setup` installs it (a PDF takes ~30 s without)",
        )
        self.assertTrue(harfbuzz.hb_version_atleast(4, 1, 0), "WeasyPrint wants HarfBuzz 4.1.0 or later to subset")
