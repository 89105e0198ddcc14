"""Write the synthetic redaction corpus: feedback comments with their personal details marked.

Run by hand (`python bench/make_redaction_corpus.py`) after changing the sentence frames; the
output, `tests/data/redaction_corpus.json`, is committed so the test and the benchmark read the
same comments. Every detail is made up: phone numbers from Ofcom's drama ranges, e-mail
addresses at example domains, NHS numbers that pass the check digit at random. The names, in
`redaction_corpus_words.py` with the sentence frames, are chosen by hand and are not read from
the redactor's lists, so recall is measured honestly (some names are in neither the census
lists nor Heard's own, as in real feedback).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import redaction_corpus_words as words

OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "redaction_corpus.json"
WITH_DETAILS, CLEAN = 320, 320


def comment_with_details(rng: random.Random, frame: str) -> dict:
    """Return one comment with personal details and the details as written in it."""
    values = _values(rng)
    text = frame.format(**values)
    details = [values[key] for key in _keys(frame) if key in _DETAIL_KEYS]
    if frame.islower() or rng.random() < 0.1:
        text, details = text.lower(), [detail.lower() for detail in details]
    return {"text": text, "details": sorted(set(details), key=text.index)}


_DETAIL_KEYS = {
    "name", "name2", "ref", "crew", "incident", "account", "nhs", "ni", "phone", "email",
    "postcode", "dob", "word", "surname", "first", "title_lower", "address", "address_lower",
}  # fmt: skip


def _values(rng: random.Random) -> dict:
    house = str(rng.randint(1, 240))
    street = rng.choice(words.STREETS)
    title = rng.choice(words.TITLES)
    surname = rng.choice(words.SURNAMES)
    first = rng.choice(words.FIRST)
    name = first if rng.random() < 0.7 else f"{first} {rng.choice(words.SURNAMES)}"
    return {
        "name": name,
        "name2": rng.choice([n for n in words.FIRST if n not in name]),
        "ref": rng.choice([str(rng.randint(10000, 99999999)), f"CAS-{rng.randint(1000, 99999)}"]),
        "crew": str(rng.randint(1000, 9999)),
        "incident": str(rng.randint(10000000, 99999999)),
        "account": str(rng.randint(100000, 9999999)),
        "nhs": _nhs_number(rng),
        "ni": rng.choice(["AB 12 34 56 C", "JK987654A", "jk 98 76 54 a", "NP 00 11 22 D"]),
        "phone": rng.choice(words.PHONES),
        "email": rng.choice(words.EMAILS),
        "postcode": rng.choice(words.POSTCODES),
        "dob": rng.choice(words.DATES_OF_BIRTH),
        "word": rng.choice(words.ORDINARY_NAMES),
        "title": title,
        "surname": surname,
        "first": first,
        "title_lower": f"{rng.choice(['mrs', 'mr', 'dr'])} {surname.lower()}",
        "address": f"{house} {street}",
        "address_lower": f"{house} {street}".lower(),
        "flat": str(rng.randint(1, 30)),
    }


def _keys(frame: str) -> list[str]:
    return [part.split("}")[0] for part in frame.split("{")[1:]]


def _nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            number = "".join(map(str, digits)) + str(check)
            return rng.choice([number, f"{number[:3]} {number[3:6]} {number[6:]}"])


def clean_comments(rng: random.Random) -> list[str]:
    """Return distinct comments with no personal details, some in lower case."""
    found: list[str] = []
    pairs = [(a, b) for a in words.CLEAN_OPENINGS for b in words.CLEAN_OPENINGS if a != b]
    rng.shuffle(pairs)
    for first, second in pairs:
        text = f"{first} {second}{rng.choice(words.CLEAN_ENDINGS)}"
        if rng.random() < 0.15:
            text = text.lower()
        if text not in found:
            found.append(text)
        if len(found) == CLEAN:
            break
    return [*words.CLEAN_OPENINGS, *found][:CLEAN]


def main() -> None:
    rng = random.Random(11)
    with_details: list[dict] = []
    while len(with_details) < WITH_DETAILS:
        # Every frame once, then frames at random from a group at random.
        frame = words.FRAMES[len(with_details)] if len(with_details) < len(words.FRAMES) else None
        item = comment_with_details(rng, frame or rng.choice(rng.choice(words.FRAME_GROUPS)))
        if item["text"] not in {existing["text"] for existing in with_details}:
            with_details.append(item)
    corpus = {"with_details": with_details, "clean": clean_comments(rng)}
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(corpus, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(with_details)} comments with details and {len(corpus['clean'])} clean ones")


if __name__ == "__main__":
    main()
