"""Which language an article is written in (py3langid: a small offline model shipped in the package).

The script settles what the statistics confuse on short text: kana means Japanese (the model
often says Chinese for a dateline of kanji and digits), hangul means Korean. A page's declared
language (``<html lang>``) breaks ties when the text is too short to decide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SAMPLE_CHARS = 4000  # the head of the article decides; more text costs time, not accuracy
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_MIN_LETTERS = 12  # fewer letters than this: no guess from the model, the page's declaration or English


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1: "en", "fr", "zh", ...
    confidence: float  # 0..1
    how: str  # "py3langid", "script", "declared", "default"
    region: str | None = None  # "GB" from a declared "en-GB": English dates are day-first there

    @property
    def tag(self) -> str:
        """'fr', or 'en-GB' when the region matters for dates."""
        return f"{self.code}-{self.region}" if self.region else self.code

    @classmethod
    def from_tag(cls, tag: str | None) -> "Language | None":
        """A stored language back (its detection is not repeated when a document is re-resolved)."""
        code, region = _tag_parts(tag)
        return cls(code, 1.0, "stored", region) if code else None

    def describe(self) -> str:
        return f"{name_of(self.code)} ({self.tag}; {self.how} {self.confidence:.2f}); numeric dates {date_order(self)[1]}"


NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian",
         "zh": "Chinese", "ja": "Japanese", "ru": "Russian", "ko": "Korean", "ar": "Arabic", "nl": "Dutch"}


def name_of(code: str) -> str:
    return NAMES.get(code, code)


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loaded on first use: about a second

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, declared: str | None = None) -> Language:
    """The article's language from its first few thousand characters."""
    sample = text[:_SAMPLE_CHARS]
    by_script = _by_script(sample)
    if by_script:
        return by_script
    hint, region = _tag_parts(declared)
    if len(_LETTERS.findall(sample)) < _MIN_LETTERS:
        return Language(hint, 0.6, "declared", region) if hint else Language("en", 0.3, "default")
    code, probability = _identifier().classify(sample)
    if probability < 0.5 and hint:
        return Language(hint, 0.6, "declared", region)
    return Language(str(code), round(float(probability), 2), "py3langid", region if code == hint else None)


def _tag_parts(declared: str | None) -> tuple[str | None, str | None]:
    """'en-GB' -> ('en', 'GB'); 'fr' -> ('fr', None)."""
    parts = re.split(r"[-_]", (declared or "").strip())
    code = parts[0].lower() if parts[0] and len(parts[0]) in (2, 3) and parts[0].isalpha() else None
    region = parts[1].upper() if code and len(parts) > 1 and len(parts[1]) == 2 else None
    return code, region


# English is read month-first only in the United States and a few places that follow it.
_MONTH_FIRST_REGIONS = {"US", "PH", "CA", "FM", "MH", "PW"}
_YEAR_FIRST = {"zh", "ja", "ko", "hu", "lt", "mn"}


def date_order(language: Language | None) -> tuple[str, str]:
    """How numeric dates are read ('DMY', 'MDY' or 'YMD') and why, for the reason shown."""
    if language is None:
        return "MDY", "month-first: no language known, English (US) assumed"
    code, region = language.code, language.region
    if code in _YEAR_FIRST:
        return "YMD", f"year-first, as written in {name_of(code)}"
    if code == "en":
        if region and region not in _MONTH_FIRST_REGIONS:
            return "DMY", f"day-first: English ({region})"
        return "MDY", "month-first: English (US)" if region is None else f"month-first: English ({region})"
    return "DMY", f"day-first, as written in {name_of(code)}"


def _by_script(sample: str) -> Language | None:
    kana, hangul, han = len(_KANA.findall(sample)), len(_HANGUL.findall(sample)), len(_HAN.findall(sample))
    letters = max(1, len(_LETTERS.findall(sample)))
    if kana >= 2 and kana + han > 0.3 * letters:
        return Language("ja", 0.95, "script")
    if hangul > 0.3 * letters:
        return Language("ko", 0.95, "script")
    if han > 0.3 * letters and kana == 0:
        return Language("zh", 0.9, "script")
    return None
