#!/usr/bin/env python3
"""Generate a benchmark corpus for Archivar: N feed files with German text.

Writes a complete site directory that `archivar harvest --all` reads:

    OUT/archivar.json                    the default pipeline (SPEC §5)
    OUT/feeds/bench-0001.json            one source definition per feed file (SPEC §4)
    OUT/feeds/samples/bench-0001.rss     RSS 2.0 (content:encoded, dc:creator, pubDate)
    OUT/feeds/samples/bench-0002.atom    Atom 1.0 (html content, author, published/updated)
    ...

Everything is deterministic for a given --seed. Only the Python standard library is used.

    python3 bench/generate_feeds.py --entries 10000 --files 100 --out /tmp/archivar-bench --seed 1
"""

import argparse
import json
import os
import random
import shutil
import sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

# --- Word lists (municipal planning, youth welfare, Thuringia) --------------------------

SUBJECTS = [
    "Die Jugendhilfeplanung", "Die integrierte Sozialplanung", "Das Netzwerk Frühe Hilfen",
    "Die Präventionskette", "Der Landkreis", "Die Kommune", "Das Jugendamt", "Die Stadt Erfurt",
    "Das Sozialamt", "Die Planungsgruppe", "Der Kreistag", "Die Fachberatung",
    "Das Institut für kommunale Planung und Entwicklung", "Die Steuerungsgruppe",
    "Das Landesprogramm „Thüringer Präventionsketten“", "Die Koordinierungsstelle",
    "Der Jugendhilfeausschuss", "Die Schulsozialarbeit", "Das Quartiersmanagement",
    "Die Bildungsplanung", "Die Gemeinde", "Das Familienzentrum", "Die Altenhilfeplanung",
    "Der Sozialstrukturatlas", "Die Armutspräventionsstrategie",
]
VERBS = [
    "entwickelt", "überprüft", "stärkt", "begleitet", "koordiniert", "verknüpft",
    "schließt", "gestaltet", "fördert", "evaluiert", "plant", "bündelt", "unterstützt",
    "erweitert", "analysiert", "berät", "vernetzt", "verstetigt", "qualifiziert",
]
OBJECTS = [
    "die Angebote für Familien", "die Übergänge zwischen Kita und Grundschule",
    "die Zusammenarbeit der Träger", "die Datengrundlage für die Sozialberichterstattung",
    "die Beteiligung von Kindern und Jugendlichen", "die Hilfen zur Erziehung",
    "die Präventionsnetzwerke im ländlichen Raum", "die Gesundheitsförderung",
    "die Teilhabe älterer Menschen", "die Bedarfsermittlung in den Sozialräumen",
    "die Maßnahmen gegen Kinderarmut", "die Qualitätsentwicklung in der Kindertagesbetreuung",
    "die Angebote der offenen Jugendarbeit", "die Familienbildung", "die Integration Geflüchteter",
    "die Schnittstellen zwischen Jugendhilfe und Schule", "die fachübergreifende Steuerung",
    "die kommunalen Handlungsstrategien", "die Wirkungsorientierung der Förderprogramme",
]
ADVERBIALS = [
    "in Thüringen", "im Landkreis Gotha", "in Erfurt", "im Kyffhäuserkreis", "in Jena",
    "im Weimarer Land", "im Unstrut-Hainich-Kreis", "in Gera", "im Saale-Orla-Kreis",
    "gemeinsam mit den freien Trägern", "auf der Grundlage des Sozialgesetzbuchs VIII",
    "bis zum Jahr 2027", "mit Mitteln des Freistaats", "über alle Altersgruppen hinweg",
    "im Rahmen des ESF-Plus-Programms", "nach § 80 SGB VIII", "für die nächste Förderperiode",
    "entlang der Lebensphasen", "unter Beteiligung der Öffentlichkeit", "in enger Abstimmung mit dem Ministerium",
]
CLAUSES = [
    "damit kein Kind zurückgelassen wird", "weil die Bedarfe größer werden",
    "sodass die Planung schneller Wirkung zeigt", "obwohl die Mittel knapp sind",
    "wobei die Daten datenschutzgerecht genutzt werden", "um Doppelstrukturen zu vermeiden",
    "während die Fachkräfte weiter qualifiziert werden", "damit Familien früh Unterstützung erhalten",
    "weil gelingendes Aufwachsen eine gemeinsame Aufgabe ist", "ohne die Zuständigkeiten zu verwischen",
]
TITLE_HEADS = [
    "Fachtag", "Werkstattgespräch", "Handreichung", "Arbeitshilfe", "Positionspapier", "Bericht",
    "Praxisbeispiel", "Workshop", "Planungskonferenz", "Studie", "Abschlussbericht", "Netzwerktreffen",
    "Fortbildung", "Evaluation", "Leitfaden", "Dokumentation", "Fachgespräch", "Expertise",
]
TITLE_TOPICS = [
    "Jugendhilfeplanung", "Sozialplanung", "Präventionsketten", "Frühe Hilfen", "Kinderarmut",
    "Sozialraumorientierung", "Bildungsmonitoring", "Altenhilfeplanung", "Gesundheitsplanung",
    "Beteiligung junger Menschen", "Familienfreundlichkeit", "Integrierte Planung",
    "Datenbasierte Steuerung", "Schulsozialarbeit", "Demografischer Wandel", "Ganztagsbetreuung",
    "Inklusion", "Wohnungslosenhilfe", "Quartiersentwicklung", "Übergangsmanagement",
]
TITLE_PLACES = [
    "in Thüringen", "in Erfurt", "im ländlichen Raum", "in der Kommune", "im Landkreis Sömmerda",
    "in Weimar", "in Nordhausen", "in Suhl", "im Wartburgkreis", "in Eisenach", "im Ilm-Kreis",
    "in Mühlhausen", "in Altenburg", "im Saale-Holzland-Kreis",
]
TITLE_TAILS = [
    "– Ergebnisse und Ausblick", "– was wir gelernt haben", ": Grundlagen und Praxis",
    ": ein Überblick", "– Schritt für Schritt", "2.0", "– Fragen & Antworten", ": Größe zählt nicht",
    "– Wege aus der Armut", "– gemeinsam für gelingendes Aufwachsen", "",
]
GIVEN = [
    "Jörg", "Jürgen", "Stefan", "Heike", "Julia", "Andreas", "Käthe", "Björn", "Sören", "Anja",
    "Günter", "Theresa", "Ute", "Matthias", "Marén", "Friederike", "Özlem", "Lukas", "Hannah", "Søren",
]
FAMILY = [
    "Fischer", "Müller", "Schäfer", "Bäring", "Schaarschmidt", "Blume-Strotzer", "Huber",
    "Weißenborn", "Groß", "Köhler", "Krüger", "Schröder", "Hilse-Carstensen", "Strauß",
    "Böttcher", "Lößner", "Jähnig", "Wendt", "Otto", "Meißner",
]
CATEGORIES = [
    "Neues aus dem Institut", "Publikationen", "Veranstaltungen", "Projekte", "Präventionsketten",
    "Jugendhilfeplanung", "Sozialplanung", "Presse", "Fachbeiträge",
]
HOSTS = [
    ("ikpe", "IKPE – Institut für kommunale Planung und Entwicklung", "https://www.ikpe-erfurt.de"),
    ("kommune360", "Kommune 360°", "https://www.kommune360.de"),
    ("inso", "IN/S/O – Institut für Sozialplanung und Organisationsentwicklung", "https://www.inso-essen.de"),
    ("praeventionsketten", "Thüringer Präventionsketten", "https://www.praeventionsketten-thueringen.de"),
    ("landkreis", "Landratsamt – Amt für Jugend und Familie", "https://www.landkreis-beispiel.de"),
    ("erfurt", "Landeshauptstadt Erfurt – Sozialplanung", "https://www.erfurt.de"),
]
UMLAUT_SLUG = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slug(text):
    text = text.lower().translate(UMLAUT_SLUG)
    out, dash = [], False
    for ch in text:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")[:80]


def sentence(rng):
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ADVERBIALS)]
    text = " ".join(parts)
    if rng.random() < 0.5:
        text += ", " + rng.choice(CLAUSES)
    return text + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng) for _ in range(sentences))


def title(rng):
    text = f"{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_TOPICS)} {rng.choice(TITLE_PLACES)}"
    tail = rng.choice(TITLE_TAILS)
    if tail:
        text += tail if tail.startswith(":") else " " + tail
    return text


def person(rng):
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def body_html(rng):
    """Partner-style HTML: several paragraphs, sometimes a list, a link, emphasis."""
    blocks = []
    for _ in range(rng.randint(3, 6)):
        text = escape(paragraph(rng, rng.randint(2, 5)))
        if rng.random() < 0.3:
            words = text.split(" ")
            i = rng.randrange(len(words))
            words[i] = f"<strong>{words[i]}</strong>"
            text = " ".join(words)
        blocks.append(f"<p>{text}</p>")
    if rng.random() < 0.4:
        items = "".join(f"<li>{escape(rng.choice(OBJECTS).capitalize())}</li>" for _ in range(rng.randint(2, 5)))
        blocks.append(f"<ul>{items}</ul>")
    if rng.random() < 0.5:
        blocks.append(f'<p>Mehr dazu: <a href="/publikationen/{slug(rng.choice(TITLE_TOPICS))}/">'
                      f"Übersicht {escape(rng.choice(TITLE_TOPICS))}</a> &amp; Kontakt.</p>")
    return "\n".join(blocks)


def rfc822(moment):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return (f"{days[moment.weekday()]}, {moment.day:02d} {months[moment.month - 1]} {moment.year} "
            f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} {zone}")


def entries_for(rng, count, host, file_id):
    _, _, base = host
    berlin = timezone(timedelta(hours=rng.choice([1, 2])))
    start = datetime(2015, 1, 1, tzinfo=berlin)
    result = []
    for n in range(count):
        moment = start + timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
        head = title(rng)
        path = f"/aktuelles/{moment:%Y/%m}/{slug(head)}-{file_id}-{n}/"
        result.append({
            "title": head,
            "link": base + path,
            "guid": f"{file_id}-{n:05d}-{slug(head)[:40]}",
            "date": moment,
            "authors": [person(rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))],
            "categories": rng.sample(CATEGORIES, rng.randint(1, 3)),
            "summary": paragraph(rng, rng.randint(1, 2)),
            "html": body_html(rng),
        })
    return result


def rss_document(rng, host, file_id, entries):
    _, name, base = host
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
           "  <channel>",
           f"    <title>{escape(name)} ({file_id})</title>",
           f"    <link>{base}/</link>",
           f'    <atom:link href="{base}/feed/{file_id}.xml" rel="self" type="application/rss+xml"/>',
           f"    <description>{escape(paragraph(rng, 1))}</description>",
           "    <language>de-DE</language>",
           f"    <lastBuildDate>{rfc822(max(e['date'] for e in entries))}</lastBuildDate>"]
    for e in entries:
        out.append("    <item>")
        out.append(f"      <title>{escape(e['title'])}</title>")
        out.append(f"      <link>{escape(e['link'])}</link>")
        out.append(f'      <guid isPermaLink="false">{escape(e["guid"])}</guid>')
        out.append(f"      <pubDate>{rfc822(e['date'])}</pubDate>")
        for author in e["authors"]:
            out.append(f"      <dc:creator><![CDATA[{author}]]></dc:creator>")
        for category in e["categories"]:
            out.append(f"      <category><![CDATA[{category}]]></category>")
        out.append(f"      <description>{escape(e['summary'])}</description>")
        out.append(f"      <content:encoded><![CDATA[{e['html']}]]></content:encoded>")
        out.append("    </item>")
    out += ["  </channel>", "</rss>", ""]
    return "\n".join(out)


def atom_document(rng, host, file_id, entries):
    _, name, base = host
    updated = max(e["date"] for e in entries).isoformat()
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">',
           f"  <title>{escape(name)} ({file_id})</title>",
           f"  <subtitle>{escape(paragraph(rng, 1))}</subtitle>",
           f"  <id>{base}/{file_id}</id>",
           f'  <link rel="alternate" type="text/html" href="{base}/"/>',
           f'  <link rel="self" type="application/atom+xml" href="{base}/feed/{file_id}.atom"/>',
           f"  <updated>{updated}</updated>"]
    for e in entries:
        out.append("  <entry>")
        out.append(f"    <title>{escape(e['title'])}</title>")
        out.append(f"    <id>tag:{base[8:]},{e['date']:%Y-%m-%d}:{escape(e['guid'])}</id>")
        out.append(f'    <link rel="alternate" type="text/html" href="{escape(e["link"])}"/>')
        out.append(f"    <published>{e['date'].isoformat()}</published>")
        out.append(f"    <updated>{e['date'].isoformat()}</updated>")
        for author in e["authors"]:
            out.append(f"    <author><name>{escape(author)}</name></author>")
        for category in e["categories"]:
            out.append(f'    <category term="{escape(category, {chr(34): "&quot;"})}"/>')
        out.append(f'    <summary type="text">{escape(e["summary"])}</summary>')
        out.append(f'    <content type="html">{escape(e["html"])}</content>')
        out.append("  </entry>")
    out += ["</feed>", ""]
    return "\n".join(out)


def generate(entries, files, out, seed, atom_share=0.4, clean=True):
    """Writes the site; returns the list of (feed path, entry count)."""
    if files < 1 or entries < files:
        raise SystemExit("need at least one file and at least one entry per file")
    if clean and os.path.isdir(out):
        shutil.rmtree(out)
    samples = os.path.join(out, "feeds", "samples")
    os.makedirs(samples, exist_ok=True)
    config = {"title": "Archivar Benchmark", "baseURL": "http://127.0.0.1:8080/", "language": "de",
              "archive": "archive", "state": ".archivar",
              "pipeline": ["normalize", "dedupe", "index", "html", "atom"]}
    with open(os.path.join(out, "archivar.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
        f.write("\n")
    rng = random.Random(seed)
    written = []
    base_count, extra = divmod(entries, files)
    for i in range(files):
        count = base_count + (1 if i < extra else 0)
        file_id = f"bench-{i + 1:04d}"
        host = HOSTS[i % len(HOSTS)]
        items = entries_for(rng, count, host, file_id)
        is_atom = rng.random() < atom_share
        document = (atom_document if is_atom else rss_document)(rng, host, file_id, items)
        name = f"{file_id}.{'atom' if is_atom else 'rss'}"
        path = os.path.join(samples, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(document)
        source = {"id": file_id, "title": f"{host[1]} ({file_id})", "plugin": "rss",
                  "url": f"feeds/samples/{name}", "kind": "partner", "every": "1h"}
        with open(os.path.join(out, "feeds", f"{file_id}.json"), "w", encoding="utf-8") as f:
            json.dump(source, f, ensure_ascii=False, indent=2)
            f.write("\n")
        written.append((path, count))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000, help="entries in total (default 10000)")
    parser.add_argument("--files", type=int, default=100, help="feed files (default 100)")
    parser.add_argument("--out", default="bench-site", help="site directory to (re)create (default ./bench-site)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--atom-share", type=float, default=0.4, help="share of Atom files (default 0.4)")
    args = parser.parse_args(argv)
    written = generate(args.entries, args.files, args.out, args.seed, args.atom_share)
    size = sum(os.path.getsize(p) for p, _ in written)
    atoms = sum(1 for p, _ in written if p.endswith(".atom"))
    print(f"{args.out}: {len(written)} feeds ({len(written) - atoms} RSS 2.0, {atoms} Atom 1.0), "
          f"{sum(c for _, c in written)} entries, {size / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
