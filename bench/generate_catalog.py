#!/usr/bin/env python3
"""Writes a deterministic CSL-JSON bibliography of German publications for `archivar import`,
and the text model the search benchmark also gives the feed items of generate_feeds.py.

Text is built from two vocabularies, so that term frequencies look like the institute's own
catalog (feeds/samples): the municipal-planning phrases of generate_feeds.py (Jugendhilfeplanung,
Präventionsketten, Thüringen …) and a long tail of German words from the system word list
(Debian `wngerman`, /usr/share/dict/ngerman) drawn with a Zipf distribution (a few words
often, most words rarely). `--domain-share` is the share of sentences taken from the
planning phrases: the default 0.1 puts specific terms (Kinderarmut, Frühe Hilfen) into a
few percent of the records and general ones (Planung with its compounds, Thüringen,
Erfurt) into about half, as in the sample; 1.0 gives (nearly) generate_feeds.py's all-domain text,
in which most specific terms are in a third of the records or more. Umlauts and ß stay as
they are; names include double names and umlauts.

    python3 bench/generate_catalog.py --records 60000 --out /tmp/catalog.json --seed 1

Also writes OUT.words.tsv: words of the long tail at chosen frequency ranks with the number
of records that use them, for queries over rare words.
"""

import argparse
import bisect
import json
import os
import random
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_feeds as feeds  # noqa: E402  (the shared word lists and sentence builder)

WORD_LIST = "/usr/share/dict/ngerman"
FAMILIES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
    "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
    "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel",
    "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann",
    "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher",
    "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas",
    "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch",
    "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Graßhoff", "Böwer", "Oelkers",
] + feeds.FAMILY
GIVEN = feeds.GIVEN + [
    "Anna", "Katrin", "Michael", "Thomas", "Sabine", "Petra", "Christian", "Claudia", "Markus", "Nina",
    "Ronald", "Gunther", "Tobias", "Elisabeth", "Saskia", "Rita", "Kerry", "Raimund", "Jeffrey", "Nadine",
]
JOURNALS = [
    "Sozialmagazin", "Blätter der Wohlfahrtspflege", "Nachrichtendienst des Deutschen Vereins", "neue praxis",
    "Soziale Arbeit", "Forum Jugendhilfe", "Sozial Extra", "Zeitschrift für Sozialreform", "unsere jugend",
    "Archiv für Wissenschaft und Praxis der sozialen Arbeit", "Theorie und Praxis der Sozialpädagogik",
    "Informationen zur Raumentwicklung", "Der Landkreis", "Das Jugendamt", "Frühe Kindheit",
]
PUBLISHERS = [("Beltz Juventa", "Weinheim"), ("Barbara Budrich", "Opladen"), ("Springer VS", "Wiesbaden"),
              ("Nomos", "Baden-Baden"), ("Lambertus", "Freiburg im Breisgau"), ("Kohlhammer", "Stuttgart"),
              ("Waxmann", "Münster"), ("transcript", "Bielefeld"), ("Eigenverlag des IKPE", "Erfurt")]
TYPES = [("book", 25), ("chapter", 25), ("article-journal", 25), ("report", 10), ("paper-conference", 10),
         ("thesis", 5)]


class Zipf:
    """Words drawn with probability ∝ 1 / rank^s."""

    def __init__(self, words, s=1.07):
        self.words = words
        total, self.cumulative = 0.0, []
        for rank in range(1, len(words) + 1):
            total += 1 / rank ** s
            self.cumulative.append(total)

    def draw(self, rng):
        return self.words[bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])]


def long_tail(rng, size):
    """A shuffled vocabulary of German words (letters only, 4 to 24 long) from the word list."""
    if not os.path.exists(WORD_LIST):
        sys.exit(f"{WORD_LIST} is missing: install Debian's wngerman (make deps does)")
    with open(WORD_LIST, encoding="utf-8") as f:
        words = sorted({w.strip() for w in f if w.strip().isalpha() and 4 <= len(w.strip()) <= 24})
    rng.shuffle(words)
    return words[:size]


def isbn13(index):
    """A valid ISBN-13 (978-3-…, German-language group) unique for each index."""
    digits = f"9783{index:08d}"
    check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    return f"978-3-{digits[4:8]}-{digits[8:]}-{check}"


def person(rng):
    family = rng.choice(FAMILIES)
    if rng.random() < 0.05:
        family += "-" + rng.choice(FAMILIES)
    return {"family": family, "given": rng.choice(GIVEN)}


DOMAIN_SENTENCE = feeds.sentence  # kept: TextModel.use_for_feeds replaces the module's
BOILERPLATE = ("Das Institut für kommunale Planung und Entwicklung (IKPE) in Erfurt begleitet "
               "die Kommunen in Thüringen.")


class TextModel:
    """Sentences: from the planning phrases with probability `domain_share`, else from the
    long tail; now and then the institute's boilerplate, as its news items carry it."""

    def __init__(self, rng, domain_share):
        vocabulary = long_tail(rng, 60000)
        self.vocabulary = vocabulary
        self.words = Zipf(vocabulary)
        self.nouns = Zipf([w for w in vocabulary if w[0].isupper()])
        self.domain_share = domain_share

    def phrase(self, rng, count):
        return " ".join(self.words.draw(rng) for _ in range(count))

    def sentence(self, rng):
        draw = rng.random()
        if draw < 0.025:
            return BOILERPLATE
        if draw < 0.025 + self.domain_share:
            return DOMAIN_SENTENCE(rng)
        return f"{self.nouns.draw(rng)} {self.phrase(rng, rng.randint(6, 14))}."

    def use_for_feeds(self):
        """Makes generate_feeds.py write this model's sentences in summaries and bodies
        (its `paragraph` looks `sentence` up in its module at each call); titles, lists and
        links stay its own."""
        feeds.sentence = self.sentence


def title(rng, text):
    if rng.random() < 0.5:
        head = feeds.title(rng)
    else:
        head = f"{rng.choice(feeds.TITLE_TOPICS)} und {text.nouns.draw(rng)} {rng.choice(feeds.TITLE_PLACES)}"
    return f"{head}: {' '.join(text.nouns.draw(rng) for _ in range(rng.randint(1, 3)))}"


def record(rng, index, text, keys):
    kind = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
    year = min(2025, 1990 + int(rng.betavariate(3, 1.3) * 36))
    authors = [person(rng) for _ in range(rng.choice([1, 1, 2, 2, 3, 4]))]
    item = {"type": kind, "title": title(rng, text), "issued": {"date-parts": [[year]]}, "language": "de"}
    item["editor" if kind == "book" and rng.random() < 0.4 else "author"] = authors
    if kind in ("chapter", "paper-conference"):
        item["container-title"] = f"{rng.choice(feeds.TITLE_TOPICS)} – {text.nouns.draw(rng)}"
        item["page"] = f"{index % 300 + 1}-{index % 300 + 18}"
    if kind == "article-journal":
        item["container-title"] = rng.choice(JOURNALS)
        item["volume"] = str(year - 1950)
        item["issue"] = str(rng.randint(1, 12))
    if kind in ("book", "chapter", "report", "thesis"):
        publisher, place = rng.choice(PUBLISHERS)
        item["publisher"], item["publisher-place"] = publisher, place
    if kind == "book" and rng.random() < 0.5:
        item["ISBN"] = isbn13(index)
    if rng.random() < 0.3:
        item["DOI"] = f"10.5555/bench.{index}"
    if rng.random() < 0.7:
        item["abstract"] = " ".join(text.sentence(rng) for _ in range(rng.randint(2, 6)))
    if rng.random() < 0.6:
        item["keyword"] = rng.sample(feeds.CATEGORIES + feeds.TITLE_TOPICS, rng.randint(1, 2))
    family = "".join(c for c in authors[0]["family"].lower().translate(feeds.UMLAUT_SLUG) if c.isalpha())
    first_word = next((w for w in feeds.slug(item["title"]).split("-") if len(w) > 3), "titel")
    key = f"{family}{year}{first_word}"
    suffix = 1
    while key in keys:
        suffix += 1
        key = f"{family}{year}{first_word}-{suffix}"
    keys.add(key)
    item["id"] = key
    return item


def generate(records, out, seed, text):
    """Writes `records` CSL-JSON items to `out` (and `out`.words.tsv); returns the count."""
    rng = random.Random(seed)
    keys, usage = set(), Counter()
    with open(out, "w", encoding="utf-8") as f:
        f.write("[\n")
        for index in range(records):
            item = record(rng, index, text, keys)
            words = " ".join([item["title"], item.get("abstract", ""), item.get("container-title", "")])
            usage.update({w.strip(".,:;!?–()") for w in words.split()})
            f.write(("," if index else "") + json.dumps(item, ensure_ascii=False) + "\n")
        f.write("]\n")
    with open(out + ".words.tsv", "w", encoding="utf-8") as f:
        f.write("# rank\tword\trecords using it (title, abstract, container)\n")
        for rank in (10, 100, 1000, 5000, 20000):
            word = text.vocabulary[rank - 1]
            f.write(f"{rank}\t{word}\t{usage[word]}\n")
    return len(keys)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=60000)
    parser.add_argument("--out", required=True, help="the CSL-JSON file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--domain-share", type=float, default=0.1,
                        help="share of sentences from the planning phrases (default 0.1)")
    args = parser.parse_args()
    text = TextModel(random.Random(args.seed), args.domain_share)
    count = generate(args.records, args.out, args.seed, text)
    print(f"{args.out}: {count} CSL-JSON items, {os.path.getsize(args.out) / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
