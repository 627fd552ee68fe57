#!/usr/bin/env python3
"""Writes a deterministic BibTeX file of German-ish publications for the import benchmark.

Every standard entry type, accents both as LaTeX ({\\"u}, \\ss{}) and as UTF-8, @string
macros with # concatenation, month macros, crossref'd chapters, names in all three
BibTeX forms, institutions in braces and `and others`. Every book has an ISBN of its own
(valid check digit) and every DOI is distinct, so importing the file merges only the rare
entries that share title, year and first creator (2 of 100,000 with seed 1).

    python3 bench/generate_bibtex.py --entries 100000 --out /tmp/bench.bib --seed 1
"""
import argparse
import random

FAMILIES = ["M{\\\"u}ller", "Gra{\\ss}hoff", "Fischer", "Hilse-Carstensen", "Weiß", "Schröder", "Kr\\\"amer",
            "Bäcker", "Ö{\\ss}terreicher", "Stra\\ss{}er", "Lehmann", "Köhler"]
GIVEN = ["Jörg", "Gunther", "Anna", "J{\\\"u}rgen", "Theresa", "Ute", "Björn", "Sören", "Käthe", "Paul"]
WORDS = ["Jugendhilfeplanung", "Flüchtlinge", "Sozialplanung", "Quartiersentwicklung", "Daseinsvorsorge",
         "Kommunale", "Steuerung", "Beteiligung", "{\\\"O}ffentliche", "Stra{\\ss}enbau", "Gemeinwesen", "Teilhabe",
         "Erfurt", "Thüringen", "{IKPE}", "Praxis", "Bildung", "Integration"]
PLACES = ["Weinheim", "Opladen", "Erfurt", "M{\\\"u}nchen", "Köln", "Wiesbaden"]
TYPES = ["article", "book", "incollection", "inproceedings", "techreport", "phdthesis", "mastersthesis",
         "misc", "booklet", "manual", "unpublished", "online", "report", "inbook"]


def person(rng):
    family, given = rng.choice(FAMILIES), rng.choice(GIVEN)
    form = rng.randrange(4)
    if form == 0:
        return f"{family}, {given}"
    if form == 1:
        return f"{given} {family}"
    if form == 2:
        return f"von {family}, {given}"
    return f"{family}, Jr, {given}"


def people(rng):
    names = [person(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.1:
        names.append("others")
    if rng.random() < 0.05:
        names = ["{Institut f{\\\"u}r kommunale Planung und Entwicklung}"]
    return " and ".join(names)


def title(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))) + " -- " + rng.choice(WORDS)


def isbn13(number):
    """A valid ISBN-13 of its own for each number: 978-3-, eight digits, check digit."""
    digits = f"9783{number:08d}"
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return f"{digits[:3]}-{digits[3]}-{digits[4:9]}-{digits[9:]}-{check}"


def entry(rng, index, parents):
    kind = TYPES[index % len(TYPES)]
    key = f"eintrag{index}"
    year = 1980 + index % 45
    fields = [("author", "{" + people(rng) + "}"), ("title", "{" + title(rng) + "}"), ("year", str(year))]
    if rng.random() < 0.5:
        fields.append(("month", rng.choice(["jan", "mar", "may", "oct", "dec"])))
    if kind == "article":
        fields += [("journal", "sozmag # {, Sonderheft}"), ("volume", str(index % 60)),
                   ("number", f"{{{index % 12 + 1}}}"), ("pages", f"{{{index % 90 + 1}--{index % 90 + 9}}}")]
    elif kind in ("incollection", "inbook") and parents:
        fields += [("crossref", "{" + rng.choice(parents) + "}"), ("pages", f"{{{index % 200}--{index % 200 + 20}}}")]
    elif kind in ("book", "booklet", "manual"):
        fields += [("publisher", "juventa" if rng.random() < 0.5 else "{Budrich}"),
                   ("address", "{" + rng.choice(PLACES) + "}"), ("isbn", "{" + isbn13(index) + "}")]
    elif kind in ("techreport", "report"):
        fields += [("institution", "{IKPE}"), ("number", str(index % 40))]
    elif kind.endswith("thesis"):
        fields += [("school", "{Universit{\\\"a}t Erfurt}")]
    elif kind == "online":
        fields += [("url", f"{{https://www.ikpe-erfurt.de/publikationen/{index}/}}"), ("urldate", "{2024-01-15}")]
    if rng.random() < 0.3:
        fields.append(("abstract", "{" + " ".join(rng.choice(WORDS) for _ in range(20)) + " \\& mehr.}"))
    if rng.random() < 0.2:
        fields.append(("doi", f"{{10.1000/ikpe.{index}}}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100000)
    parser.add_argument("--out", default="-")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    parts = ["% Benchmark corpus written by bench/generate_bibtex.py\n",
             "@string{juventa = {Beltz Juventa}}\n", "@string{sozmag = \"Sozialmagazin\"}\n\n"]
    parents = []
    parent_count = max(1, args.entries // 100)
    for index in range(parent_count):
        key = f"sammelband{index}"
        parents.append(key)
        parts.append(f"@collection{{{key},\n  editor = {{{people(rng)}}},\n  title = {{{title(rng)}}},\n"
                     f"  publisher = juventa,\n  address = {{Weinheim}},\n  year = {1990 + index % 30}\n}}\n\n")
    for index in range(args.entries - parent_count):
        parts.append(entry(rng, index, parents) + "\n")
    text = "".join(parts)
    if args.out == "-":
        print(text, end="")
    else:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
