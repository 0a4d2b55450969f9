"""Score the project's tagger on TimeML gold files the way TempEval-3 does.

    python bench/timeml.py GOLD_DIR [--out OUT_DIR] [--errors] [--official TOOLKIT_DIR]

Each document's raw TEXT goes through timeline.pipeline.tag (the importer's own code) with
the document creation time as the dateline; every part of every mention becomes a TIMEX3.
--official runs the TempEval-3 toolkit's own scorer (TE3-evaluation.py, a Python 2 program
fetched at bench time, never committed; TE3_PYTHON names its interpreter) on the files written.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tempeval import Counts, score  # noqa: E402

from timeline import calendar as cal  # noqa: E402
from timeline.export.timeml import Timex3, TimeMLDocument, parse, render  # noqa: E402
from timeline.pipeline import internal_error, tag  # noqa: E402


def system_timexes(document: TimeMLDocument) -> list[Timex3]:
    reference = int(cal.parse_iso(document.dct[:10]))
    found = []
    for mention, _resolved, parts in tag(document.text, reference, label="the document date"):
        for timex, resolved in zip(mention.parts, parts):
            found.append(Timex3(timex.start, timex.end, resolved.type, resolved.value, resolved.mod))
    return found


_KEPT = re.compile(r"<(DOCID|DCT|TITLE)>.*?</\1>", re.S)
_ROOT = re.compile(r"<TimeML\b[^>]*>")


def skeleton(document: TimeMLDocument, timexes: list[Timex3]) -> str:
    """The system file the official scorer accepts: DOCID, DCT, TITLE and TEXT with our TIMEX3 only
    (the gold's EVENTs, SIGNALs and TLINKs left out)."""
    root = _ROOT.search(document.source)
    kept = "\n\n".join(m.group() for m in _KEPT.finditer(document.source))
    source = (f'<?xml version="1.0" ?>\n{root.group() if root else "<TimeML>"}\n\n{kept}\n\n'
              "<TEXT></TEXT>\n\n</TimeML>\n")
    return render(replace(document, source=source), timexes)


def evaluate(gold_dir: Path, out_dir: Path | None = None, failed: dict[str, str] | None = None) \
        -> tuple[Counts, dict[str, Counts], dict[str, str]]:
    """``failed`` collects the documents whose tagging raised (a bug): they are scored as if
    nothing was found, and the run goes on."""
    total, per_doc, texts = Counts(), {}, {}
    failed = {} if failed is None else failed
    for path in sorted(gold_dir.glob("*.tml")):
        document = parse(path.read_text(encoding="utf-8"))
        try:
            system = system_timexes(document)
        except Exception as error:  # noqa: BLE001 - one document's bug must not stop the corpus
            failed[path.stem], system = internal_error("the document", error), []
        counts = score(document.timexes, system)
        per_doc[path.stem], texts[path.stem] = counts, document.text
        total.add(counts)
        if out_dir:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / path.name).write_text(skeleton(document, system), encoding="utf-8")
    return total, per_doc, texts


def official_scores(toolkit: Path, gold_dir: Path, out_dir: Path) -> str:
    """The official scorer's timex lines. Its gold folder may hold only TimeML files (MEANTIME's
    README.md stops it), so it reads links to the gold's .tml files."""
    with tempfile.TemporaryDirectory() as tmp:
        for path in gold_dir.glob("*.tml"):
            (Path(tmp) / path.name).symlink_to(path.resolve())
        python = os.environ.get("TE3_PYTHON", "python2")  # it starts its parts as plain "python": put its folder first
        path = os.pathsep.join(filter(None, [os.path.dirname(python), os.environ.get("PATH", "")]))
        run = subprocess.run([python, "TE3-evaluation.py", tmp, str(out_dir.resolve())], cwd=toolkit,
                             capture_output=True, text=True, check=False, env={**os.environ, "PATH": path})
    lines = run.stdout.splitlines()
    if "=== Timex Performance ===" not in lines:
        return f"official scorer failed ({run.returncode}): {(run.stdout + run.stderr)[-600:]}"
    first = lines.index("=== Timex Performance ===")
    return "\n".join(lines[first:first + 7])


def _line(label: str, counts: Counts) -> str:
    s, r, v = counts.prf("strict"), counts.prf("relaxed"), counts.prf("value")
    return (f"{label[:48]:<48} strict P/R/F1 {s[0]*100:5.1f} {s[1]*100:5.1f} {s[2]*100:5.1f} | relaxed "
            f"{r[0]*100:5.1f} {r[1]*100:5.1f} {r[2]*100:5.1f} | value F1 {v[2]*100:5.1f} | type acc "
            f"{counts.type_accuracy()*100:5.1f}")


def _context(text: str, t: Timex3) -> str:
    return (text[max(0, t.start - 40):t.start] + "[" + text[t.start:t.end] + "]" + text[t.end:t.end + 40]).replace("\n", " ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--errors", action="store_true", help="list misses, false alarms and wrong values")
    parser.add_argument("--official", type=Path, metavar="TOOLKIT_DIR", help="also run the TempEval-3 toolkit's scorer")
    args = parser.parse_args()
    failed: dict[str, str] = {}
    out = args.out or (Path(tempfile.mkdtemp(prefix="timeml-out-")) if args.official else None)
    total, per_doc, texts = evaluate(args.gold_dir, out, failed)
    for name, counts in per_doc.items():
        print(_line(name, counts))
        if args.errors:
            for kind, gold, system in counts.errors:
                shown = gold or system
                assert shown is not None
                values = f"gold {gold.value if gold else '-'} / system {system.value if system else '-'}"
                extra = f" system [{texts[name][system.start:system.end]}]" if gold and system else ""
                print(f"    {kind:<11} {values:<40} {_context(texts[name], shown)}{extra}")
    print()
    print(_line(f"ALL ({len(per_doc)} documents, {total.gold} gold, {total.system} system)", total))
    for name in ("strict", "relaxed", "value"):
        p, r, f = total.prf(name)
        print(f"{name} P {p*100:.2f} R {r*100:.2f} F1 {f*100:.2f}")
    print(f"type accuracy: {total.type_accuracy()*100:.2f} (type F1 {total.type_accuracy()*total.prf('relaxed')[2]*100:.2f})")
    print(f"value F1: {total.prf('value')[2]*100:.2f}")
    if args.official:
        print("\nofficial TempEval-3 scorer:\n" + official_scores(args.official, args.gold_dir, out))
    for name, why in failed.items():
        print(f"FAILED {name}: {why} (scored empty)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
