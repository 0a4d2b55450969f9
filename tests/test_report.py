"""Report export (PNG, SVG, PDF): title, range, legend, sources; fitted range; bounded height."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest

pytest.importorskip("PySide6")
from PySide6.QtGui import QImage  # noqa: E402

from timeline import calendar as cal  # noqa: E402
from timeline.store.queries import EventText, Lane, TextPages, TimelineData  # noqa: E402
from ui.report import MAX_LANES, ReportOptions, write_report  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def app(qapp):
    """pytest-qt's QApplication: a QGuiApplication made here would outlive this module, and the
    widget tests that run after it would abort (a QWidget needs a QApplication)."""
    return qapp


def _data(documents: int, per_document: int = 3, background: bool = True) -> TimelineData:
    """Events in January 2022 from ``documents`` sources, and one mention of 1950 in the first."""
    t0 = [float(cal.day_number(2022, 1, 1 + (d * 7 + k) % 28)) for d in range(documents) for k in range(per_document)]
    lane = [d for d in range(documents) for _ in range(per_document)]
    if background:
        t0.append(float(cal.day_number(1950)))
        lane.append(0)
    order = np.argsort(t0, kind="stable")
    starts = np.array(t0)[order]
    ids = np.arange(1, len(t0) + 1, dtype=np.int64)
    text = EventText("Our own event title", "on Monday", "2022-01-03", "day", "2022-01-03", "2022-01-03", 0.9, 1, "none")
    flags = np.zeros(len(t0), dtype=bool)
    return TimelineData(ids=ids, t0=starts, t1=starts + 1, lane=np.array(lane, dtype=np.int32)[order],
                        exact=~flags, open_start=flags, open_end=flags, disputed=flags,
                        texts=TextPages(ids, lambda wanted: {i: text for i in wanted}),
                        lanes=[Lane(d + 1, f"Article number {d + 1}", "2022-02-01", False, False)
                               for d in range(documents)])


def test_svg_report_is_vector_with_title_range_legend_and_sources(tmp_path):
    out = tmp_path / "report.svg"
    write_report(str(out), _data(4), ReportOptions(title="Our own title"))
    svg = out.read_text(encoding="utf-8")
    ET.fromstring(svg)  # well-formed
    for needed in ("Our own title", "Jan 2022", "not shown: 1 earlier (from 1950)", "exact date", "open interval",
                   "confidence: sure, likely, a guess (paler = less sure)",
                   "sources disagree", "Sources", "Article number 4", "2022"):
        assert needed in svg, needed
    assert "<image" not in svg.split("Sources")[0][:2000]  # the header is drawn, not pasted as pixels


def test_pdf_report_has_its_text_as_text(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    write_report(str(out), _data(3), ReportOptions(title="Our own title"))
    text = " ".join(PdfReader(str(out)).pages[0].extract_text().split())  # words come tab-separated
    assert "Our own title" in text and "Article number 3" in text


def test_png_scale_and_many_documents_do_not_make_a_tower_of_lanes(tmp_path):
    few, many = tmp_path / "few.png", tmp_path / "many.png"
    width, few_height = write_report(str(few), _data(3), ReportOptions(width=1000, device_scale=3.0))
    assert QImage(str(few)).width() == 3000 and width == 1000
    _, many_height = write_report(str(many), _data(205, 1, background=False), ReportOptions(width=1000))
    assert many_height < 1600  # one shared lane, and the source list stops at 40
    assert few_height < many_height


def test_every_date_keeps_the_background_mention(tmp_path):
    svg = tmp_path / "all.svg"
    write_report(str(svg), _data(3), ReportOptions(every_date=True))
    text = svg.read_text(encoding="utf-8")
    assert "not shown" not in text and "1950" in text


def test_more_documents_than_lanes_share_one_lane(tmp_path):
    out = tmp_path / "shared.svg"
    write_report(str(out), _data(MAX_LANES + 1, 1, background=False), ReportOptions())
    assert "All sources" in out.read_text(encoding="utf-8")
