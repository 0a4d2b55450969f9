"""GUI tests (pytest-qt, offscreen): the scale, zooming, drag and drop, selection, export."""
import pytest
from conftest import SAMPLES, isolate_settings, new_window

pytest.importorskip("PySide6")
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QColor, QDropEvent, QImage  # noqa: E402

from ui.scale import TimeScale, choose_step, ticks  # noqa: E402


def test_scale_maps_dates_to_pixels_and_back_exactly():
    scale = TimeScale(19000.0, 19365.0, 230.0, 1230.0)
    for t in (19000.0, 19100.25, 19364.5):
        assert scale.to_t(scale.to_x(t)) == pytest.approx(t, abs=1e-9)
    assert scale.to_x(19000.0) == 230.0 and scale.to_x(19365.0) == 1230.0


def test_zoom_keeps_the_time_under_the_cursor():
    scale = TimeScale(0.0, 3650.0, 230.0, 1230.0)
    for factor, x in ((0.5, 400.0), (0.01, 1000.0), (3.0, 250.0)):
        before = scale.to_t(x)
        scale.zoom(factor, x)
        assert scale.to_t(x) == pytest.approx(before, abs=1e-6)


def test_zoom_limits_and_tick_table():
    scale = TimeScale(0.0, 10.0, 0.0, 1000.0)
    scale.zoom(1e-9, 500)
    assert scale.v1 - scale.v0 == pytest.approx(1 / 24)
    assert choose_step(scale.days_per_pixel) == "hour"
    scale.zoom(1e12, 500)
    assert scale.v1 - scale.v0 == pytest.approx(1000 * 365.25)
    assert choose_step(scale.days_per_pixel) == "century"
    labels = [label for _, label in ticks(TimeScale(18993.0, 19389.0, 0, 1200))]  # 2022
    assert "Jan 2022" in labels or "Feb" in labels


@pytest.fixture
def window(qtbot, tmp_path):
    isolate_settings(tmp_path)
    return new_window(qtbot, tmp_path / "ui.sqlite")


def _drop_samples(window, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in sorted(SAMPLES.glob("*.txt"))])
    event = QDropEvent(QPointF(300, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.worker is not None
    with qtbot.waitSignal(window.worker.finished, timeout=30000):
        pass
    qtbot.waitUntil(lambda: window.worker is None and len(window.data) > 0, timeout=10000)


def test_drag_and_drop_imports_through_the_worker(window, qtbot):
    assert window.empty_bar.isVisible()
    _drop_samples(window, qtbot)
    assert window.last_report.count("imported") == 5
    data = window.data
    happenings = {int(h) for h in data.happening if h > 0}
    alone = int((data.happening <= 0).sum())
    # happenings first: one row per merged happening plus each event told by one source
    assert len(data.lanes) == 5 and window.model.rowCount() == len(happenings) + alone < len(data)
    shown = [int(data.happening[data.index_of(window.model.event_id(r))]) for r in range(window.model.rowCount())]
    assert sorted(h for h in shown if h > 0) == sorted(happenings)
    assert f"{len(happenings) + alone} happenings from {len(data)} events" in window.status_label.text()
    window.view_bar.items.setCurrentIndex(1)  # every source's mentions: one click away
    assert window.model.rowCount() == len(data) and window.canvas.options.shown is None
    assert not window.empty_bar.isVisible()


def test_clicking_the_sunday_event_shows_its_paragraph(window, qtbot):
    _drop_samples(window, qtbot)
    data = window.data
    sunday = [i for i in range(len(data)) if data.texts[i].expression == "Sunday"
              and data.lanes[int(data.lane[i])].dateline == "2022-02-02"][0]
    canvas = window.canvas
    canvas.scale.fit(float(data.t0[sunday]) - 3, float(data.t1[sunday]) + 3)
    canvas.repaint()
    [rect] = [r for i, r in canvas.layout_info.items if i == sunday]
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert canvas.options.selection == {int(data.ids[sunday])}
    assert "North Korea on Sunday fired" in window.source_panel.paragraph_text()
    assert "most recent Sunday" in window.source_panel.toPlainText()
    assert len(window.table.selectionModel().selectedRows()) == 1


def test_exported_report_png_has_the_requested_size_and_never_prints_the_selection(window, qtbot, tmp_path):
    from ui.report import ReportOptions

    _drop_samples(window, qtbot)
    window.canvas.set_selection([int(i) for i in window.data.ids])  # everything selected: yellow diamonds
    out = tmp_path / "timeline.png"
    assert window.exporter.export_report(str(out), ReportOptions("Samples", True, False, 1200, 2.0))
    image = QImage(str(out))
    assert image.width() == 2400
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 5)}
    assert len(colours) > 10
    assert not any(QColor(c).name() == "#ffd400" for c in colours)  # the selection's yellow
    assert "written to" in window.statusBar().currentMessage()


@pytest.mark.parametrize("scope", ["all", "filtered", "selected"])
def test_csv_export_writes_the_chosen_events_and_says_so(window, qtbot, tmp_path, scope):
    from ui.export_dialog import DataChoice

    _drop_samples(window, qtbot)
    window.view_bar.items.setCurrentIndex(1)  # every mention
    window.filter_edit.setText("Sunday")
    qtbot.waitUntil(lambda: window.model.rowCount() < len(window.data))
    window.table.selectRow(0)
    out = tmp_path / "events.csv"
    written = window.exporter.export_data(str(out), DataChoice("csv", scope, "Samples"))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id,start,end") and len(lines) - 1 == written
    expected = {"all": len(window.data), "filtered": window.model.rowCount(), "selected": 1}[scope]
    assert written == expected
    if scope != "all":
        exported = {int(line.split(",")[0]) for line in lines[1:]}
        assert exported <= set(window.model.shown_ids())  # what the list shows (its paragraph names Sunday)
    assert window.statusBar().currentMessage().startswith(f"{written} events (")


def test_export_dialog_names_each_scope_with_its_count(qtbot):
    from ui.export_dialog import DataExportDialog

    dialog = DataExportDialog({"all": 36, "filtered": 36, "selected": 0}, "Samples")
    qtbot.addWidget(dialog)
    assert dialog.buttons["all"].text().startswith("All 36 events") and dialog.buttons["all"].isChecked()
    assert not dialog.buttons["filtered"].isEnabled() and not dialog.buttons["selected"].isEnabled()
    assert dialog.choice().scope == "all"


def test_event_list_sorts_and_filters_by_source(window, qtbot):
    _drop_samples(window, qtbot)
    model = window.model
    window.view_bar.items.setCurrentIndex(1)  # every mention
    model.sort(2)
    titles = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert titles == sorted(titles) and len(titles) == len(window.data)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    starts = [window.data.t0[window.data.index_of(model.event_id(r))] for r in range(model.rowCount())]
    assert starts == sorted(starts, reverse=True)
    window.source_combo.setCurrentIndex(1)  # the first document
    label = window.data.lanes[0].label
    assert 0 < model.rowCount() < len(window.data)
    assert {model.data(model.index(r, 4)) for r in range(model.rowCount())} == {label}


def test_source_choice_survives_a_reload_and_follows_changed_documents(qtbot):
    from ui.filter_bar import FilterBar

    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.set_choices(["Harbour crane collapses", "Budget bill passes"], [])
    bar.source.setCurrentIndex(2)
    changed = []
    bar.changed.connect(lambda: changed.append(1))
    bar.set_choices(["Harbour crane collapses", "Budget bill passes"], [])  # a decision's reload: the same list
    assert bar.source.count() == 3 and bar.source.currentData() == 1 and not changed
    bar.set_choices(["Budget bill passes", "Storm closes the port"], [])  # the documents changed: listed anew
    assert [bar.source.itemText(i) for i in range(1, bar.source.count())] == ["Budget bill passes",
                                                                             "Storm closes the port"]
    assert bar.source.currentText() == "Budget bill passes" and bar.source.currentData() == 0


def test_canvas_screenshot(window, qtbot, tmp_path):
    _drop_samples(window, qtbot)
    window.canvas.fit_all()
    shot = window.canvas.grab().toImage()
    shot.save(str(tmp_path / "canvas.png"))
    assert shot.width() >= 1000 and shot.height() >= 160
    assert len({shot.pixel(x, 60) for x in range(0, shot.width(), 5)}) > 3


def test_review_the_wednesday_conflict_and_correct_001s_dateline(window, qtbot):
    _drop_samples(window, qtbot)
    panel = window.review.panel
    assert window.review.status.text().endswith("open conflicts") and panel.list.count() > 1
    data = window.data
    wednesday_001 = [i for i in range(len(data)) if data.texts[i].expression == "Wednesday"
                     and data.lanes[int(data.lane[i])].label.startswith("Japan and U.S. cooperation")][0]
    assert data.disputed[wednesday_001] and data.texts[wednesday_001].start == "2023-05-31"
    window.canvas.eventOpened.emit(int(data.ids[wednesday_001]))  # double-click on the timeline
    assert window.tabs.currentWidget() is panel and panel.view.kind == "date"
    assert [side.dateline[:10] for side in panel.view.sides] == ["2022-02-02"] * 3 + ["2023-06-05"]  # all 4 sources
    panel._correct_dateline(day="2022-02-02")  # what the dialog would return
    data = window.data
    moved = [i for i in range(len(data)) if data.texts[i].expression == "Wednesday"
             and data.lanes[int(data.lane[i])].label.startswith("Japan and U.S. cooperation")][0]
    assert data.texts[moved].start == "2022-02-02" and not data.disputed.any()
    assert data.texts[moved].sources == 4 and panel.list.count() == 0
    window.review.undo()
    assert window.data.disputed.any() and panel.list.count() > 1


def test_dropping_a_web_page_a_pdf_and_a_bad_file_imports_what_it_can(window, qtbot, tmp_path):
    import documents
    from conftest import ROOT

    files = {"page.html": (ROOT / "tests" / "fixtures" / "saved_page.html").read_bytes(),
             "wire.pdf": documents.pdf([documents.ARTICLE[:2], documents.ARTICLE[2:]]),
             "locked.pdf": documents.pdf([documents.ARTICLE], encrypt="secret")}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / name)) for name in files])
    window.dropEvent(QDropEvent(QPointF(300, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier))
    with qtbot.waitSignal(window.worker.finished, timeout=30000):
        pass
    qtbot.waitUntil(lambda: window.worker is None, timeout=10000)
    status = {r.name: (r.status, r.message) for r in window.last_report.results}
    assert status["page.html"][0] == "imported" and status["wire.pdf"][0] == "imported"
    assert status["locked.pdf"] == ("failed", "encrypted PDF: it needs a password")
    assert {lane.dateline[:10] for lane in window.data.lanes} == {"2022-02-02"}
    window.show_last_report()
    table = window.summary_dialog.table
    assert (table.item(0, 0).text(), table.item(0, 1).text()) == ("locked.pdf", "failed")  # failures first



def test_a_long_status_message_stops_short_of_the_document_count(qtbot):
    from PySide6.QtWidgets import QLabel, QMainWindow

    from ui.status_bar import ElidingStatusBar
    window = QMainWindow()
    qtbot.addWidget(window)
    bar, label = ElidingStatusBar(), QLabel("50000 documents, 48000 happenings from 120000 events")
    window.setStatusBar(bar)
    bar.addPermanentWidget(label)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    long_message = "Done: " + "moved the event of a long article title to another day, " * 6 + "(Ctrl+Z undoes it)"
    bar.showMessage(long_message, 8000)
    fits = lambda: 6 + bar.fontMetrics().horizontalAdvance(bar.currentMessage()) < label.x()  # noqa: E731
    qtbot.waitUntil(lambda: bar.currentMessage().endswith("…") and fits(), timeout=3000)
    assert bar.toolTip() == long_message and bar.currentMessage()[:-1] in long_message
    shortened = len(bar.currentMessage())
    label.setText("9 documents")  # the label shrinks: the message gets the room back
    qtbot.waitUntil(lambda: len(bar.currentMessage()) > shortened and fits(), timeout=3000)
    label.setText("50000 documents, 48000 happenings from 120000 events, 3000 open conflicts")  # and grows
    qtbot.waitUntil(lambda: len(bar.currentMessage()) < shortened and fits(), timeout=3000)
    bar.showMessage("Nothing to undo", 5000)
    assert bar.currentMessage() == "Nothing to undo"


def test_the_window_uses_the_eliding_status_bar(window):
    from ui.status_bar import ElidingStatusBar
    assert isinstance(window.statusBar(), ElidingStatusBar)
