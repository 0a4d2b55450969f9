"""Language detection per article, and the numeric date order it implies."""
import pytest

from timeline.language import Language, date_order, detect_language

ARTICLES = {  # our own short news sentences
    "es": "El Gobierno aprobó el martes un plan de ayudas para los agricultores afectados por la sequía.",
    "fr": "Le gouvernement a présenté jeudi un projet de loi sur l'énergie devant les députés.",
    "de": "Die Regierung hat am Mittwoch ein neues Gesetz zur Energieversorgung beschlossen.",
    "pt": "O governo anunciou na segunda-feira um pacote de medidas para conter a inflação.",
    "it": "Il governo ha approvato venerdì un decreto per sostenere le famiglie colpite dall'alluvione.",
    "ru": "Правительство в пятницу утвердило новый план поддержки малого бизнеса.",
    "ja": "政府は２日、新しい経済対策を発表した。来週の国会で審議される予定だ。",
    "zh": "国务院周二召开常务会议，部署进一步稳定经济的措施。",
    "ko": "정부는 화요일 새로운 경제 대책을 발표했다.",
    "ar": "أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لدعم الاقتصاد.",
    "en": "The government announced a new plan on Tuesday to support small businesses.",
}


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_each_language_is_recognised(code):
    assert detect_language(ARTICLES[code]).code == code


def test_a_short_dateline_of_kanji_and_kana_is_japanese_not_chinese():
    assert detect_language("2018年6月18日 10:01 政府は対策を発表した").code == "ja"


def test_too_little_text_takes_the_declared_language_or_english():
    assert detect_language("12.03.2021", declared="de-AT") == Language("de", 0.6, "declared", "AT")
    assert detect_language("12.03.2021").code == "en"


def test_date_order_follows_language_and_region():
    assert date_order(Language("es", 1, "x"))[0] == "DMY"
    assert date_order(Language("en", 1, "x"))[0] == "MDY"
    assert date_order(Language("en", 1, "x", "GB")) == ("DMY", "day-first: English (GB)")
    assert date_order(Language("ja", 1, "x"))[0] == "YMD"


def test_a_stored_tag_comes_back():
    assert Language.from_tag("en-GB") == Language("en", 1.0, "stored", "GB")
    assert Language.from_tag(None) is None


def test_an_imported_article_stores_and_exports_its_language(store, tmp_path):
    import csv
    import io
    from datetime import datetime, timezone

    from timeline.export.csv import event_rows, write_csv
    from timeline.importer import import_paths
    from timeline.store.queries import event_source

    article = tmp_path / "nota.txt"
    article.write_text("05/12/2020\n\nEl Gobierno aprobó el 3 de diciembre de 2020 un plan de ayudas para "
                       "los agricultores afectados por la sequía del verano.\n", encoding="utf-8")
    import_paths(store, [article], datetime(2021, 1, 1, tzinfo=timezone.utc))
    out = io.StringIO()
    with store.session() as session:
        write_csv(out, event_rows(session))
        [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
        source = event_source(session, int(row["event_id"]))
    assert row["language"] == "es" and row["dateline"] == "2020-12-05"  # day-first in Spanish
    assert source is not None and source.language.startswith("Spanish (es; py3langid")
    assert "day-first" in source.language


@pytest.mark.parametrize("heading", ["Lesen Sie auch", "À lire aussi", "Te puede interesar", "関連記事", "相关阅读"])
def test_a_teaser_list_after_a_heading_in_another_language_is_boilerplate(heading):
    from timeline.article import mark_boilerplate, split_paragraphs

    body = "Der Bundestag hat am Dienstag nach langer Debatte ein neues Gesetz zur Energieversorgung beschlossen."
    text = f"{body}\n\n{heading}\n\nStreik bei der Bahn geht am Montag weiter\n"
    marked = mark_boilerplate(text, split_paragraphs(text))
    assert [p.boilerplate for p in marked] == [False, True, True]
