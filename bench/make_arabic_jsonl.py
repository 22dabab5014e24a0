#!/usr/bin/env python3
"""A second Arabic corpus, of another shape: the Arabic news as one JSON Lines file of records.

    python bench/make_arabic_jsonl.py /tmp/arabic-jsonl
    python bench/arabic.py /tmp/arabic-jsonl --field date=published --field title=headline --field text=body

Each article of ../shared/corpora/arabic-news-2013 becomes a record {"headline", "published",
"body", "agency"}, the date written in Arabic in one of six ways in turn, as Arabic sites write
them: Arabic-Indic digits with the Levantine and Egyptian months ("الأحد ٣ شباط/فبراير ٢٠١٣"), a
date and a time, a Hijri date with its Gregorian day, a Hijri date alone (hijridate, Umm
al-Qura), the Maghreb's months, the Levantine months alone. Beside the folder,
``<folder>.manifest.csv`` gives each record's true date (its id is ``<file>#<row>``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "shared" / "corpora" / "arabic-news-2013"
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
          "تشرين الثاني", "كانون الأول"]
EGYPT = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
MAGHREB = ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
HIJRI = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال",
         "ذو القعدة", "ذو الحجة"]
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def written(when: dt.datetime, n: int) -> str:
    """The date as the ``n % 6``-th way writes it."""
    from hijridate import Gregorian

    d, m, y = when.day, when.month, when.year
    h = Gregorian(y, m, d).to_hijri()
    hijri = f"{h.day} {HIJRI[h.month - 1]} {h.year} هـ"
    return [
        f"{WEEKDAYS[when.weekday()]} {d} {LEVANT[m - 1]}/{EGYPT[m - 1]} {y}".translate(INDIC),
        f"{d} {EGYPT[m - 1]} {y}، الساعة {when:%H:%M}",
        f"{hijri} الموافق {d} {EGYPT[m - 1]} {y}",
        hijri,
        f"{d} {MAGHREB[m - 1]} {y}",
        f"{d} {LEVANT[m - 1]} {y}".translate(INDIC),
    ][n % 6]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else sys.exit(__doc__)
    out.mkdir(parents=True, exist_ok=True)
    manifest = list(csv.DictReader(open(SOURCE.with_name(SOURCE.name + ".manifest.csv"), encoding="utf-8")))
    with open(out / "arabic-news.jsonl", "w", encoding="utf-8") as records, \
            open(out.with_name(out.name + ".manifest.csv"), "w", encoding="utf-8", newline="") as truth:
        writer = csv.writer(truth)
        writer.writerow(["path", "date"])
        for n, row in enumerate(manifest, 1):
            text = (SOURCE / row["path"]).read_text(encoding="utf-8")
            headline, _, body = text.partition("\n")
            when = dt.datetime.fromisoformat(row["published"])
            records.write(json.dumps({"headline": headline.strip(), "published": written(when, n), "body": body.strip(),
                                      "agency": row["source_name"]}, ensure_ascii=False) + "\n")
            writer.writerow([f"arabic-news#{n}", row["date"]])
    print(f"wrote {len(manifest):,} records to {out / 'arabic-news.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
