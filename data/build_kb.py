#!/usr/bin/env python3
"""Build isnad's built-in knowledge base, data/kb.tsv, reproducibly.

    python3 data/build_kb.py                 # build data/kb.tsv, print counts
    python3 data/build_kb.py --check         # build in memory, compare with data/kb.tsv
    python3 data/build_kb.py --corpus-report /tmp/ant/ant
                                             # corpus frequency of single-token
                                             # gazetteer aliases (for reviewing
                                             # data/common_words.txt); does not
                                             # change kb.tsv

Python 3 standard library only.  NETWORK / SIDE EFFECTS: on first run the
script downloads its upstream sources into a cache directory
($ISNAD_KB_CACHE, default /tmp/isnad-kb-src) using the ordinary registry
clients:

  * `npm pack cldr-localenames-full@48.2.0` and `npm pack cldr-dates-full@48.2.0`
    (Unicode CLDR, licence Unicode-3.0) -- Arabic and English territory names,
    Arabic time-zone exemplar cities;
  * `apt-get download libgeonames-common libgeonames0` (Debian bookworm,
    0.3.0-1) -- `ar/LC_MESSAGES/geonames.mo` maps GeoNames IDs (and
    `CC`/`CC.admin1` codes) to Arabic names; the library embeds a GResource
    `/com/lomiri/geonames/cities.compiled`, a zlib-compressed GVariant of type
    a(sssssssudd) = (geonameid, name, admin1 code, admin1 name, country code,
    country name, timezone, population, lat, lon) for 24,361 cities.  We
    decompress and decode it here in pure Python (no GLib needed).  GeoNames
    data: CC BY 4.0, attribution in data/LICENSES.md.

(`apt-get download` needs package lists: run `apt-get update` once.)  The
packages are only unpacked (dpkg-deb -x / tar), never installed.

Hand-maintained inputs, all in data/:
  curated.tsv        people, organisations, outlets, some places (8 columns,
                     same as kb.tsv).  A curated row whose id equals a
                     generated id (country-xx, city-NNN, ...) is merged with
                     the generated entry: curated fields win, aliases are
                     united, source stays `curated`.
  aliases_extra.tsv  id<TAB>alias|alias...  extra Arabic spellings for
                     generated entries (news usage that CLDR/GeoNames lack).
  common_words.txt   single-token gazetteer names that are mostly ordinary
                     words in the ANT corpus; dropped from cldr/geonames
                     entries (an entity whose name is dropped is removed).
  country_wikidata.tsv  iso2<TAB>Q-id for countries.

Output is sorted and deterministic: a second run reproduces kb.tsv byte for
byte.
"""

import collections
import gettext
import json
import os
import re
import struct
import subprocess
import sys
import tarfile
import unicodedata
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("ISNAD_KB_CACHE", "/tmp/isnad-kb-src")
CLDR_VERSION = "48.2.0"
COLUMNS = ["id", "type", "name", "english", "wikidata", "description", "aliases", "source"]
TYPES = {"PER", "LOC", "ORG"}
SOURCE_RANK = {"curated": 0, "cldr": 1, "geonames": 2}
# Documented real homographs: normalised forms deliberately shared by two
# entities because Arabic news really uses the same spelling for both
# (disambiguation is left to context).  Listed in data/README.md.
ALLOW_SHARED = {
    "عمان",     # Oman (country-om) / Amman (city-250441), عُمان vs عَمّان
    "طرابلس",   # Tripoli, Libya (city-2210247) / Tripoli, Lebanon (city-266826)
    "الشرق الاوسط",  # Middle East (middle-east) / Asharq Al-Awsat newspaper
}

# ---------------------------------------------------------------- normalising

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_MARKS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")


def clean(s):
    """Display form: NFKC, no bidi/zero-width marks, no diacritics/tatweel,
    single spaces.  Letters (hamza forms, ى, ة) are kept as written."""
    s = unicodedata.normalize("NFKC", s)
    s = _MARKS.sub("", s)
    s = _DIACRITICS.sub("", s)
    return " ".join(s.split())


def norm(s):
    """The simple match normalisation used for the collision check (the Rust
    side does the same or more): alef forms -> ا, ى -> ي, ة -> ه, ؤ -> و,
    ئ -> ي, standalone ء dropped, diacritics/tatweel dropped, hyphen -> space."""
    s = clean(s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    s = s.replace("ء", "")
    s = s.replace("-", " ")
    return " ".join(s.split())


def letters(s):
    return len(re.sub(r"[^\w]", "", norm(s)))


AR = re.compile("[\u0621-\u064a]")

# ---------------------------------------------------------------- fetching


def run(cmd, cwd):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch():
    os.makedirs(CACHE, exist_ok=True)
    paths = {}
    for pkg in ("cldr-localenames-full", "cldr-dates-full"):
        tgz = os.path.join(CACHE, "%s-%s.tgz" % (pkg, CLDR_VERSION))
        if not os.path.exists(tgz):
            print("fetching %s@%s with npm pack" % (pkg, CLDR_VERSION), file=sys.stderr)
            run(["npm", "pack", "--silent", "%s@%s" % (pkg, CLDR_VERSION)], CACHE)
        paths[pkg] = tgz
    for pkg in ("libgeonames-common", "libgeonames0"):
        debs = sorted(f for f in os.listdir(CACHE) if f.startswith(pkg + "_") and f.endswith(".deb"))
        if not debs:
            print("fetching %s with apt-get download" % pkg, file=sys.stderr)
            run(["apt-get", "download", pkg], CACHE)
            debs = sorted(f for f in os.listdir(CACHE) if f.startswith(pkg + "_") and f.endswith(".deb"))
        deb = os.path.join(CACHE, debs[-1])
        out = os.path.join(CACHE, debs[-1][:-4])
        if not os.path.isdir(out):
            run(["dpkg-deb", "-x", deb, out], CACHE)
        paths[pkg] = out
        paths[pkg + ".version"] = debs[-1].split("_")[1]
    return paths


def tar_json(tgz, member):
    with tarfile.open(tgz) as t:
        return json.load(t.extractfile("package/" + member))


# ---------------------------------------------------------------- GeoNames


def _osz(n):
    return 1 if n < 0x100 else 2 if n < 0x10000 else 4 if n < (1 << 32) else 8


def _uint(b, pos, size):
    return int.from_bytes(b[pos:pos + size], "little")


def decode_cities(blob):
    """GVariant a(sssssssudd), see the GVariant serialisation spec: array of
    variable-size 8-aligned tuples with trailing framing offsets; each tuple
    stores the end offsets of its 7 strings, reversed, at its end."""
    n = len(blob)
    size = _osz(n)
    table = _uint(blob, n - size, size)
    ends = [_uint(blob, table + k * size, size) for k in range((n - table) // size)]
    rows, start = [], 0
    for end in ends:
        start = (start + 7) & ~7
        t = blob[start:end]
        tn = len(t)
        ts = _osz(tn)
        strs, s = [], 0
        for k in range(7):
            e = _uint(t, tn - ts * (k + 1), ts)
            strs.append(t[s:e - 1].decode("utf-8"))
            s = e
        s = (s + 3) & ~3
        pop = _uint(t, s, 4)
        s = (s + 4 + 7) & ~7
        lat, lon = struct.unpack("<dd", t[s:s + 16])
        rows.append(strs + [pop, lat, lon])
        start = end
    return rows


def load_geonames(paths):
    libdir = paths["libgeonames0"]
    so = None
    for root, _, files in os.walk(libdir):
        for f in files:
            if f.startswith("libgeonames.so."):
                so = os.path.join(root, f)
    data = open(so, "rb").read()
    start = data.find(b"GVariant")  # GResource (gvdb) header
    blob = None
    for j in range(start, len(data) - 1):
        if data[j] == 0x78 and data[j + 1] in (0x01, 0x5E, 0x9C, 0xDA):
            try:
                out = zlib.decompressobj().decompress(data[j:j + 8_000_000])
            except zlib.error:
                continue
            if len(out) > 1_000_000:
                blob = out
                break
    if blob is None:
        sys.exit("cities.compiled not found in %s" % so)
    cities = decode_cities(blob)
    mo = os.path.join(paths["libgeonames-common"], "usr/share/locale/ar/LC_MESSAGES/geonames.mo")
    with open(mo, "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return cities, catalog


# ---------------------------------------------------------------- inputs


def read_tsv_entities(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 8:
                sys.exit("%s:%d: %d fields, want 8" % (path, ln, len(parts)))
            e = dict(zip(COLUMNS, parts))
            e["aliases"] = [a for a in e["aliases"].split("|") if a.strip()]
            out.append(e)
    return out


def read_lines(path):
    out = []
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return out


def read_pairs(path):
    out = collections.OrderedDict()
    for line in read_lines(path):
        k, _, v = line.partition("\t")
        out.setdefault(k.strip(), []).extend(a for a in v.split("|") if a.strip())
    return out


# ---------------------------------------------------------------- building

# CLDR region codes kept as LOC (real place names in news); others skipped.
REGIONS = {
    "002": ("africa", "Africa"), "142": ("asia", "Asia"), "150": ("europe", "Europe"),
    "009": ("oceania", "Oceania"), "003": ("north-america", "North America"),
    "005": ("south-america", "South America"), "419": ("latin-america", "Latin America"),
    "029": ("caribbean", "Caribbean"), "030": ("east-asia", "East Asia"),
    "034": ("south-asia", "South Asia"), "035": ("southeast-asia", "Southeast Asia"),
    "143": ("central-asia", "Central Asia"), "145": ("west-asia", "West Asia"),
    "151": ("eastern-europe", "Eastern Europe"), "155": ("western-europe", "Western Europe"),
    "154": ("northern-europe", "Northern Europe"), "039": ("southern-europe", "Southern Europe"),
    "015": ("north-africa", "North Africa"), "014": ("east-africa", "East Africa"),
    "011": ("west-africa", "West Africa"), "017": ("central-africa", "Central Africa"),
    "013": ("central-america", "Central America"), "019": ("americas", "Americas"),
    "202": ("sub-saharan-africa", "Sub-Saharan Africa"),
}
# CLDR territory codes that are not places (or are curated organisations).
SKIP_TERRITORIES = {"ZZ", "EU", "UN", "EZ", "QO", "001", "021", "053", "054", "057", "061", "018"}


_PAREN_DROP = {"مدينة", "البلدية", "بلدية", "منطقة إدارية خاصة"}


def split_paren(s):
    """'ميانمار (بورما)' -> ('ميانمار', ['بورما']); qualifiers such as
    '(مدينة)' are dropped."""
    s = clean(s)
    m = re.fullmatch(r"(.*?)\s*\((.*?)\)\s*", s)
    if not m:
        return s, []
    inner = clean(m.group(2))
    return clean(m.group(1)), ([] if inner in _PAREN_DROP else [inner])


# First-level divisions carry no population; for collision ranking they count
# as a 100,000-inhabitant place (a state beats a small town of the same name,
# a city of 100k+ beats its province of the same name).
ADMIN1_RANK_POP = 100000


# CLDR keeps legacy time-zone IDs; GeoNames uses current English names.
TZ_RENAMED = {"Asmera": "Asmara", "Calcutta": "Kolkata", "Saigon": "Ho Chi Minh City",
              "Kiev": "Kyiv", "Rangoon": "Yangon", "Katmandu": "Kathmandu",
              "Godthab": "Nuuk", "Ulaanbaatar": "Ulan Bator", "Macau": "Macao"}


def add_alias(e, a):
    a = clean(a)
    if a and a != e["name"] and a not in e["aliases"]:
        e["aliases"].append(a)


def build(paths):
    log = collections.defaultdict(list)
    common = {norm(w) for w in read_lines(os.path.join(HERE, "common_words.txt"))}
    qids = dict((k, v[0]) for k, v in read_pairs(os.path.join(HERE, "country_wikidata.tsv")).items())
    entities = collections.OrderedDict()

    # -- CLDR territories
    loc = paths["cldr-localenames-full"]
    ar = tar_json(loc, "main/ar/territories.json")["main"]["ar"]["localeDisplayNames"]["territories"]
    en = tar_json(loc, "main/en/territories.json")["main"]["en"]["localeDisplayNames"]["territories"]
    country_en = {}
    for code in sorted(ar):
        if "-alt-" in code:
            continue
        if code in SKIP_TERRITORIES:
            continue
        if code.isdigit():
            if code not in REGIONS:
                continue
            slug, eng = REGIONS[code]
            eid, desc = "region-" + slug, "World region"
        else:
            eid, eng = "country-" + code.lower(), en.get(code, code)
            desc = "Country or territory"
            country_en[code] = eng
        name, extra = split_paren(ar[code])
        e = {"id": eid, "type": "LOC", "name": name, "english": eng,
             "wikidata": qids.get(code, ""), "description": desc, "aliases": [], "source": "cldr"}
        for a in extra:
            add_alias(e, a)
        for alt in sorted(k for k in ar if k.startswith(code + "-alt-")):
            add_alias(e, ar[alt])
        entities[eid] = e

    # -- GeoNames cities and first-level divisions
    cities, catalog = load_geonames(paths)
    admin_en = {}
    for r in cities:
        admin_en[r[4] + "." + r[2]] = r[3]
    for r in cities:
        gid, eng, _, admin, cc, country, tz, pop = r[:8]
        raw = catalog.get(gid)
        if not raw or not AR.search(raw):
            continue
        raw, extra = split_paren(clean(raw).split("،")[0].strip())   # "city، prefecture"
        eid = "city-" + gid
        where = country_en.get(cc, country)
        desc = "City in %s" % where
        if admin and admin != eng and not admin.isdigit():
            desc = "City in %s, %s" % (admin, where)
        entities[eid] = {"id": eid, "type": "LOC", "name": raw, "english": eng, "wikidata": "",
                         "description": desc, "aliases": [], "source": "geonames",
                         "pop": pop, "tz": tz, "cc": cc}
        for a in extra:
            add_alias(entities[eid], a)
    for key in sorted(k for k in catalog if re.fullmatch(r"[A-Z]{2}\.\w+", k)):
        raw = catalog[key]
        if not AR.search(raw):
            continue
        cc, code = key.split(".")
        eid = "admin1-%s-%s" % (cc.lower(), code.lower())
        eng = admin_en.get(key, "")
        entities[eid] = {"id": eid, "type": "LOC", "name": split_paren(raw)[0], "english": eng, "wikidata": "",
                         "description": "First-level administrative division of %s" % country_en.get(cc, cc),
                         "aliases": [], "source": "geonames", "pop": ADMIN1_RANK_POP}

    # -- CLDR exemplar cities -> aliases of the matching GeoNames city
    tzn = tar_json(paths["cldr-dates-full"], "main/ar/timeZoneNames.json")["main"]["ar"]["dates"]["timeZoneNames"]["zone"]
    by_tz = collections.defaultdict(list)
    for e in entities.values():
        if e["id"].startswith("city-"):
            by_tz[e["tz"]].append(e)

    def walk(d, p):
        for k in sorted(d):
            v = d[k]
            if isinstance(v, dict):
                if "exemplarCity" in v:
                    yield p + k, v["exemplarCity"]
                yield from walk(v, p + k + "/")

    def fold(x):
        x = unicodedata.normalize("NFKD", x)
        return re.sub(r"[^a-z]", "", "".join(c for c in x if not unicodedata.combining(c)).lower())

    rows_by_tz = collections.defaultdict(list)
    by_name = collections.defaultdict(list)
    for r in cities:
        by_name[fold(r[1])].append(r)
        rows_by_tz[r[6]].append(r)
        rows_by_tz[r[6].rsplit("/", 1)[-1]].append(r)
    for e in list(by_tz.values()):
        for c in e:
            by_tz.setdefault(c["tz"].rsplit("/", 1)[-1], [])
            if c not in by_tz[c["tz"].rsplit("/", 1)[-1]]:
                by_tz[c["tz"].rsplit("/", 1)[-1]].append(c)
    for tz, city in walk(tzn, ""):
        eng = tz.rsplit("/", 1)[-1].replace("_", " ")
        eng = TZ_RENAMED.get(eng, eng)
        last = eng.replace(" ", "_")
        cand = [e for e in by_tz.get(tz, []) + by_tz.get(last, []) if fold(e["english"]) == fold(eng)]
        if cand:
            add_alias(max(cand, key=lambda e: e["pop"]), city)
            continue
        # GeoNames knows the city but has no Arabic name for it: CLDR supplies one
        rows = [r for r in rows_by_tz.get(tz, []) + rows_by_tz.get(last, []) if fold(r[1]) == fold(eng)]
        if not rows:
            # GeoNames may file the city under a canonical zone (Africa/Abidjan
            # for Nouakchott): accept a name match with 100k+ inhabitants
            rows = [r for r in by_name.get(fold(eng), []) if r[7] >= 100000]
            if rows:
                hit = [e for e in entities.values() if e["id"] == "city-" + max(rows, key=lambda r: r[7])[0]]
                if hit:
                    add_alias(hit[0], city)
                    continue
        if not rows:
            log["exemplar unmatched"].append("%s %s" % (tz, city))
            continue
        r = max(rows, key=lambda r: r[7])
        eid = "city-" + r[0]
        name, extra = split_paren(city)
        entities[eid] = {"id": eid, "type": "LOC", "name": name, "english": r[1], "wikidata": "",
                         "description": "City in %s" % country_en.get(r[4], r[5]), "aliases": extra,
                         "source": "cldr", "pop": r[7], "tz": tz, "cc": r[4]}
        log["city from CLDR exemplar"].append("%s %s" % (eid, name))

    # -- extra hand aliases for generated entries
    for eid, al in read_pairs(os.path.join(HERE, "aliases_extra.tsv")).items():
        if eid not in entities:
            sys.exit("aliases_extra.tsv: unknown id %s" % eid)
        for a in al:
            add_alias(entities[eid], a)

    # -- common-word filter and short aliases (generated entries only)
    for eid in list(entities):
        e = entities[eid]
        forms = [e["name"]] + e["aliases"]
        keep = []
        for f in forms:
            n = norm(f)
            if letters(f) <= 2:
                log["dropped short"].append("%s %s" % (eid, f))
            elif n in common:
                log["dropped common word"].append("%s %s" % (eid, f))
            else:
                keep.append(f)
        if not keep:
            del entities[eid]
            continue
        if keep[0] != e["name"]:
            if e["name"] in forms and norm(e["name"]) in common:
                # the name itself is a common word: drop the entity
                del entities[eid]
                log["entity dropped (name is common word)"].append("%s %s" % (eid, e["name"]))
                continue
        e["name"], e["aliases"] = keep[0], keep[1:]

    # -- curated entries (merge when the id exists)
    for c in read_tsv_entities(os.path.join(HERE, "curated.tsv")):
        if c["type"] not in TYPES:
            sys.exit("curated.tsv: bad type %r for %s" % (c["type"], c["id"]))
        c["name"] = clean(c["name"])
        c["aliases"] = [clean(a) for a in c["aliases"]]
        if c["id"] in entities:
            g = entities[c["id"]]
            if g["source"] == "curated":
                sys.exit("curated.tsv: duplicate id %s" % c["id"])
            old = [g["name"]] + g["aliases"]
            for k in ("english", "wikidata", "description"):
                if not c[k]:
                    c[k] = g[k]
            for a in old:
                add_alias(c, a)
            c["pop"] = g.get("pop", 0)
        c["source"] = "curated"
        entities[c["id"]] = c

    resolve_collisions(entities, log)
    return entities, log


def importance(e):
    """Smaller sorts first = more important."""
    src = SOURCE_RANK[e["source"]]
    kind = 0 if e["id"].startswith(("country-", "region-")) else 1
    if e["source"] == "curated":
        kind = 0
    return (src, kind, -e.get("pop", 0), e["id"])


def resolve_collisions(entities, log):
    """No normalised surface form may belong to two entities.  The more
    important entity (curated > cldr > geonames; countries before cities;
    bigger population first) keeps it; the other loses the alias.  If the
    other loses its canonical name:
      * a GeoNames city named like a country becomes "مدينة <name>";
      * otherwise its first remaining alias becomes the name, or, with no
        aliases left, the entity is dropped (a duplicate, smaller place)."""
    owner = {}
    for e in sorted(entities.values(), key=importance):
        forms, seen = [], set()
        for f in [e["name"]] + e["aliases"]:
            # spellings differing only by the normalisation are redundant
            if norm(f) not in seen:
                seen.add(norm(f))
                forms.append(f)
        kept = []
        for f in forms:
            n = norm(f)
            o = owner.get(n)
            if o is None or o == e["id"] or n in ALLOW_SHARED:
                owner[n] = e["id"]
                kept.append(f)
            else:
                log["collision: alias dropped"].append("%s %s (kept by %s)" % (e["id"], f, o))
        if not kept or norm(kept[0]) != norm(e["name"]):
            o = entities[owner[norm(e["name"])]]
            if e["id"].startswith("city-") and o["id"] == "country-" + e["cc"].lower():
                newname = "مدينة " + e["name"]
                if norm(newname) not in owner:
                    owner[norm(newname)] = e["id"]
                    kept.insert(0, newname)
                    log["city renamed (country name)"].append("%s %s" % (e["id"], newname))
            if e["id"].startswith("admin1-us-") and not kept:
                newname = "ولاية " + e["name"]
                if norm(newname) not in owner:
                    owner[norm(newname)] = e["id"]
                    kept.insert(0, newname)
                    log["US state renamed (city name)"].append("%s %s" % (e["id"], newname))
            if not kept:
                del entities[e["id"]]
                log["entity dropped (all forms taken)"].append("%s %s (%s)" % (e["id"], e["name"], owner[norm(e["name"])]))
                continue
        e["name"], e["aliases"] = kept[0], kept[1:]


# ---------------------------------------------------------------- output


def render(entities):
    lines = ["# " + "\t".join(COLUMNS)]
    lines.append("# isnad built-in knowledge base; generated by data/build_kb.py -- do not edit, "
                 "edit data/curated.tsv etc. and rerun. Sources and licences: data/LICENSES.md "
                 "(GeoNames CC BY 4.0, Unicode CLDR Unicode-3.0).")
    for eid in sorted(entities):
        e = entities[eid]
        row = [e["id"], e["type"], e["name"], e["english"], e["wikidata"], e["description"],
               "|".join(e["aliases"]), e["source"]]
        for v in row:
            if "\t" in v or "\n" in v:
                sys.exit("tab/newline inside a field of %s" % eid)
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def verify(text):
    ids = set()
    owner = {}
    for ln, line in enumerate(text.split("\n")[:-1], 1):
        if line.startswith("#"):
            continue
        f = line.split("\t")
        assert len(f) == 8, "line %d: %d fields" % (ln, len(f))
        eid, typ, name, eng, qid, desc, aliases, src = f
        assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*", eid), "bad id %r" % eid
        assert eid not in ids, "duplicate id " + eid
        ids.add(eid)
        assert typ in TYPES, "bad type " + line
        assert src in SOURCE_RANK, "bad source " + line
        assert name and AR.search(name), "no Arabic name: " + line
        assert qid == "" or re.fullmatch(r"Q\d+", qid), "bad Q-id " + line
        for a in [name] + (aliases.split("|") if aliases else []):
            assert a and a == a.strip(), "empty/padded alias in " + eid
            assert AR.search(a) and not re.search("[A-Za-z]", a), "non-Arabic spelling %r in %s" % (a, eid)
            n = norm(a)
            assert n in ALLOW_SHARED or owner.setdefault(n, eid) == eid, "form %s shared by %s and %s" % (a, owner[n], eid)
    return len(ids)


def counts(text):
    c = collections.Counter()
    for line in text.split("\n")[:-1]:
        if line.startswith("#"):
            continue
        f = line.split("\t")
        c[(f[7], f[1])] += 1
    return c


def corpus_report(root, limit=800):
    """Frequency of single-token gazetteer forms in the corpus (exact token
    match after normalisation) -- input to the hand review of
    data/common_words.txt."""
    paths = fetch()
    # build without the common-word filter to see everything
    global read_lines
    real = read_lines
    read_lines = lambda p: [] if p.endswith("common_words.txt") else real(p)
    entities, _ = build(paths)
    read_lines = real
    forms = collections.defaultdict(set)
    for e in entities.values():
        if e["source"] == "curated":
            continue
        for f in [e["name"]] + e["aliases"]:
            if " " not in norm(f):
                forms[norm(f)].add("%s:%s" % (e["id"], e.get("pop", "")))
    freq = collections.Counter()
    tok = re.compile("[\u0621-\u064a\u0671\u0640\u064b-\u065f]+")
    for dp, _, files in os.walk(root):
        for fn in files:
            with open(os.path.join(dp, fn), encoding="utf-8", errors="replace") as f:
                for t in tok.findall(f.read()):
                    n = norm(t)
                    if n in forms:
                        freq[n] += 1
    common = {norm(w) for w in real(os.path.join(HERE, "common_words.txt"))}
    for n, k in freq.most_common(limit):
        print("%d\t%s\t%s\t%s" % (k, n, "EXCLUDED" if n in common else "", " ".join(sorted(forms[n]))))


def main():
    args = sys.argv[1:]
    if args[:1] == ["--corpus-report"]:
        corpus_report(args[1] if len(args) > 1 else "/tmp/ant/ant")
        return
    paths = fetch()
    entities, log = build(paths)
    text = render(entities)
    n = verify(text)
    out = os.path.join(HERE, "kb.tsv")
    if "--check" in args:
        same = os.path.exists(out) and open(out, encoding="utf-8").read() == text
        print("kb.tsv up to date" if same else "kb.tsv DIFFERS from a fresh build")
        sys.exit(0 if same else 1)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    c = counts(text)
    print("wrote %s: %d entities, %d bytes" % (out, n, len(text.encode("utf-8"))))
    for src in sorted(SOURCE_RANK, key=SOURCE_RANK.get):
        print("  %-9s %s" % (src, "  ".join("%s %d" % (t, c[(src, t)]) for t in sorted(TYPES))))
    for k in sorted(log):
        print("  %s: %d" % (k, len(log[k])))
    if "-v" in args:
        for k in sorted(log):
            for v in log[k]:
                print("%s\t%s" % (k, v))


if __name__ == "__main__":
    main()
