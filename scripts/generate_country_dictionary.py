#!/usr/bin/env python3
"""Generate dictionaries/actors/countries.yaml, Vigie's country actor dictionary.

Inputs:
  * Debian iso-codes: the ISO 3166-1 JSON file (English names) and its
    gettext catalogue `iso_3166-1` (French names);
  * dictionaries/actors/country_extras.yaml: hand-written everyday names,
    demonyms and capitals.

The output is deterministic (entries sorted by code, aliases in a fixed
order, no duplicates), so that it can be committed and checked by
tests/dictionaries/test_countries.py.

iso-codes names are turned into aliases a journalist would write:
  * inverted forms such as "Iran, Islamic Republic of" or
    "Russie, Fédération de" give "Iran" / "Russie" and the natural order
    "Islamic Republic of Iran" / "Fédération de Russie"; the inverted form
    itself is never an alias;
  * "Salomon, Îles" or "Virgin Islands, British" give "Îles Salomon" and
    "British Virgin Islands";
  * names whose comma separates a list ("Bonaire, Sint Eustatius and Saba")
    are kept as they are; other comma forms ("Syrienne, République arabe")
    are dropped;
  * a parenthesised part is also dropped to give an extra alias
    ("Holy See (Vatican City State)" -> "Holy See");
  * French catalogue entries that are missing (untranslated) are ignored.
Aliases derived this way that would belong to two countries ("Korea",
"Congo", "Saint-Martin") are dropped from the countries that do not own them
outright. Any other string shared by two countries is an error.

Standard library only, except PyYAML (Debian package python3-yaml) to read
the extras file.
"""

import argparse
import gettext
import json
import os
import re
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEFAULT_ISO_JSON = '/usr/share/iso-codes/json/iso_3166-1.json'
DEFAULT_LOCALE_DIR = '/usr/share/locale'
DEFAULT_EXTRAS = os.path.join(REPO_ROOT, 'dictionaries', 'actors', 'country_extras.yaml')
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, 'dictionaries', 'actors', 'countries.yaml')

GETTEXT_DOMAIN = 'iso_3166-1'
LANGS = ('en', 'fr')
FIELDS = ('names', 'demonyms', 'capital')
CODE_RE = re.compile(r'^[A-Z]{3}$')

# "X, Y" is an inverted name when Y ends with a preposition: the alias is X
# and the natural form is "Y X".
INVERTED_TAIL = {
    'en': re.compile(r'\b(?:of|of the)$', re.IGNORECASE),
    'fr': re.compile(r"(?:\b(?:de|du|des|de la)|\bd')$", re.IGNORECASE),
}
# "X, Y" where Y is one of these words is read as "Y X".
PREFIX_QUALIFIERS = {
    'en': {'British', 'U.S.'},
    'fr': {'Île', 'Îles'},
}
# "X, Y and Z" is a list, not an inversion.
LIST_RE = {
    'en': re.compile(r'\band\b'),
    'fr': re.compile(r'\bet\b'),
}
LEADING_ARTICLE = {
    'en': re.compile(r'^the\s+', re.IGNORECASE),
    'fr': re.compile(r"^l'", re.IGNORECASE),
}

# Words that YAML 1.1 readers would not read back as plain strings.
YAML_RESERVED = {'y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~'}
# Plain (unquoted) only: starts with a letter; letters, digits, space, '.', '-'.
PLAIN_SCALAR_RE = re.compile(r"[^\W\d_](?:[\w.\- ]*[\w.])?")


class GenerationError(Exception):
    pass


class _Untranslated(gettext.NullTranslations):
    """gettext fallback: returns None so that missing entries are visible."""

    def gettext(self, message):
        return None


# --------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------

def require_file(path, what, hint):
    if not os.path.isfile(path):
        raise GenerationError('%s not found: %s (%s)' % (what, path, hint))


def load_iso(path):
    require_file(path, 'iso-codes ISO 3166-1 JSON file', 'install the Debian package '
                 'iso-codes or pass --iso-json')
    try:
        with open(path, encoding='utf-8') as f:
            data = json.load(f)
        entries = data['3166-1']
    except (ValueError, KeyError) as e:
        raise GenerationError('cannot read %s: %s' % (path, e))
    for e in entries:
        if not CODE_RE.match(e.get('alpha_3', '')) or not e.get('name'):
            raise GenerationError('%s: bad entry %r' % (path, e))
    return entries


def load_french(locale_dir):
    mo = gettext.find(GETTEXT_DOMAIN, localedir=locale_dir, languages=['fr'])
    if mo is None:
        expected = os.path.join(locale_dir, 'fr', 'LC_MESSAGES', GETTEXT_DOMAIN + '.mo')
        raise GenerationError('French iso-codes translations not found: %s (install the '
                              'Debian package iso-codes or pass --locale-dir)' % expected)
    tr = gettext.translation(GETTEXT_DOMAIN, localedir=locale_dir, languages=['fr'])
    tr.add_fallback(_Untranslated())
    return tr


def load_extras(path):
    require_file(path, 'country extras file', 'pass --extras')
    try:
        import yaml
    except ImportError:
        raise GenerationError('PyYAML is needed to read %s: install the Debian package '
                              'python3-yaml (or `pip install PyYAML`)' % path)
    try:
        with open(path, encoding='utf-8') as f:
            data = yaml.safe_load(f)
    except yaml.YAMLError as e:
        raise GenerationError('cannot parse %s: %s' % (path, e))
    if not isinstance(data, dict):
        raise GenerationError('%s: top level must be a mapping keyed by country code' % path)

    extras = {}
    for code, entry in data.items():
        where = '%s: %s' % (path, code)
        if not isinstance(code, str) or not CODE_RE.match(code):
            raise GenerationError('%s: key %r is not an upper-case alpha-3 code' % (path, code))
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            raise GenerationError('%s: entry must be a mapping' % where)
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            raise GenerationError('%s: unknown field(s) %s' % (where, ', '.join(map(str, unknown))))
        checked = {}
        for field in FIELDS:
            if field not in entry:
                continue
            value = entry[field]
            if not isinstance(value, dict) or not value:
                raise GenerationError('%s.%s: must be a mapping {en: [...], fr: [...]}' % (where, field))
            bad = sorted(set(value) - set(LANGS))
            if bad:
                raise GenerationError('%s.%s: unknown language(s) %s' % (where, field, bad))
            if field != 'names' and set(value) != set(LANGS):
                raise GenerationError('%s.%s: must give both en and fr' % (where, field))
            checked[field] = {}
            for lang in LANGS:
                items = value.get(lang)
                if items is None:
                    continue
                if not isinstance(items, list) or not items:
                    raise GenerationError('%s.%s.%s: must be a non-empty list' % (where, field, lang))
                for s in items:
                    if not isinstance(s, str) or not s or s != s.strip() or '  ' in s:
                        raise GenerationError('%s.%s.%s: bad string %r (quote it if YAML reads '
                                              'it as a non-string)' % (where, field, lang, s))
                checked[field][lang] = list(items)
        extras[code] = checked
    return extras


def iso_codes_version():
    try:
        out = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'iso-codes'],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             universal_newlines=True, check=True).stdout.strip()
        return out or 'unknown'
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


# --------------------------------------------------------------------------
# Turning iso-codes names into aliases
# --------------------------------------------------------------------------

def upper_first(s):
    return s[:1].upper() + s[1:]


def tidy(s, lang):
    s = s.replace('\u2019', "'")
    s = re.sub(r'\s+', ' ', s).strip()
    s = LEADING_ARTICLE[lang].sub('', s)
    return upper_first(s)


def natural_order(head, tail, lang):
    """'Iran', 'Islamic Republic of' -> 'Islamic Republic of Iran'."""
    tail = LEADING_ARTICLE[lang].sub('', tail)
    sep = '' if tail.endswith("'") else ' '
    return upper_first(tail + sep + head)


def iso_aliases(raw, lang):
    """Aliases for one iso-codes string: list of (alias, primary)."""
    raw = tidy(raw, lang)
    candidates = [(raw, True)]
    no_parens = re.sub(r'\s*\([^)]*\)', '', raw).strip()
    if no_parens != raw and no_parens:
        candidates.append((no_parens, False))
    out = []
    for cand, primary in candidates:
        if ', ' not in cand:
            out.append((cand, primary))
            continue
        head, tail = cand.split(', ', 1)
        if INVERTED_TAIL[lang].search(tail):
            out.append((head, False))
            out.append((natural_order(head, tail, lang), False))
        elif tail in PREFIX_QUALIFIERS[lang]:
            out.append((natural_order(head, tail, lang), False))
        elif LIST_RE[lang].search(tail):
            out.append((cand, primary))
        # any other comma form is an inversion we cannot repair: skip it
    return out


# --------------------------------------------------------------------------
# Building the dictionary
# --------------------------------------------------------------------------

def build(iso_entries, french, extras):
    # countries[code] = {'name_en': str, field: {lang: [(alias, primary)]}}
    countries = {}
    for e in iso_entries:
        code = e['alpha_3']
        if code in countries:
            raise GenerationError('iso-codes lists %s twice' % code)
        names = {'en': [], 'fr': []}
        for key in ('common_name', 'name', 'official_name'):
            if not e.get(key):
                continue
            names['en'].extend(iso_aliases(e[key], 'en'))
            fr = french.gettext(e[key])
            if fr:
                names['fr'].extend(iso_aliases(fr, 'fr'))
        countries[code] = {'iso_name': e['name'], 'names': names}

    for code, entry in extras.items():
        if code not in countries:
            names = entry.get('names', {})
            if not all(names.get(lang) for lang in LANGS):
                raise GenerationError('extras: %s is not in iso-codes, so it needs names in '
                                      'both en and fr' % code)
            countries[code] = {'iso_name': None, 'names': {'en': [], 'fr': []}}
        for field, langs in entry.items():
            target = countries[code].setdefault(field, {'en': [], 'fr': []})
            for lang, items in langs.items():
                target[lang].extend((s, True) for s in items)

    resolve_shared_aliases(countries)

    result = []
    for code in sorted(countries):
        c = countries[code]
        out = {'code': code}
        for field in FIELDS:
            if field not in c:
                continue
            out[field] = {}
            for lang in LANGS:
                seen = []
                for s, _ in c[field][lang]:
                    if s not in seen:
                        seen.append(s)
                out[field][lang] = seen
        for lang in LANGS:
            if not out['names'][lang]:
                fallback = tidy(c['iso_name'], 'en')
                sys.stderr.write('warning: %s has no usable %s name; using %r\n'
                                 % (code, lang, fallback))
                out['names'][lang] = [fallback]
        for field in ('demonyms', 'capital'):
            if field in out and not all(out[field][lang] for lang in LANGS):
                raise GenerationError('%s.%s lost all its %s strings' % (code, field, lang))
        out['name'] = out['names']['en'][0]
        result.append(out)
    return result


def resolve_shared_aliases(countries):
    """Drop derived aliases claimed by several countries; fail on real clashes."""
    owners = {}  # casefolded alias -> {code: primary?}
    for code, c in countries.items():
        for field in FIELDS:
            for lang in LANGS:
                for s, primary in c.get(field, {}).get(lang, []):
                    d = owners.setdefault(s.casefold(), {})
                    d[code] = d.get(code, False) or primary
    drop = {}  # code -> set of casefolded aliases to drop
    clashes = []
    for key in sorted(owners):
        codes = owners[key]
        if len(codes) < 2:
            continue
        primary = sorted(code for code, p in codes.items() if p)
        if len(primary) > 1:
            clashes.append('%r: %s' % (key, ', '.join(primary)))
            continue
        for code in codes:
            if code not in primary:
                drop.setdefault(code, set()).add(key)
    if clashes:
        raise GenerationError('strings shared by several countries (fix '
                              'country_extras.yaml):\n  ' + '\n  '.join(clashes))
    for code, keys in drop.items():
        c = countries[code]
        for field in FIELDS:
            for lang in LANGS:
                if field in c:
                    c[field][lang] = [(s, p) for s, p in c[field][lang]
                                      if s.casefold() not in keys]


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def yaml_str(s):
    if PLAIN_SCALAR_RE.fullmatch(s) and s.lower() not in YAML_RESERVED:
        return s
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(s, ensure_ascii=False)


def yaml_langs(m):
    return '{%s}' % ', '.join('%s: [%s]' % (lang, ', '.join(yaml_str(s) for s in m[lang]))
                              for lang in LANGS)


def render(countries, iso_version, extras_label):
    lines = [
        '# GENERATED by scripts/generate_country_dictionary.py from Debian iso-codes %s '
        'and %s. Do not edit: run `make dictionaries` to regenerate.' % (iso_version, extras_label),
        'format: vigie-countries',
        'version: 1',
        'countries:',
    ]
    for c in countries:
        lines.append('  - code: %s' % yaml_str(c['code']))
        lines.append('    name: %s' % yaml_str(c['name']))
        for field in FIELDS:
            if field in c:
                lines.append('    %s: %s' % (field, yaml_langs(c[field])))
    return '\n'.join(lines) + '\n'


def display_path(path):
    path = os.path.abspath(path)
    rel = os.path.relpath(path, REPO_ROOT)
    return path if rel.startswith(os.pardir) else rel.replace(os.sep, '/')


def write_atomically(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise GenerationError('output directory does not exist: %s' % directory)
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--iso-json', default=DEFAULT_ISO_JSON,
                    help='iso-codes ISO 3166-1 JSON file (default: %(default)s)')
    ap.add_argument('--locale-dir', default=DEFAULT_LOCALE_DIR,
                    help='directory holding fr/LC_MESSAGES/iso_3166-1.mo (default: %(default)s)')
    ap.add_argument('--extras', default=DEFAULT_EXTRAS,
                    help='hand-written extras (default: %(default)s)')
    ap.add_argument('-o', '--output', default=DEFAULT_OUTPUT,
                    help='file to write (default: %(default)s)')
    args = ap.parse_args(argv)
    try:
        iso_entries = load_iso(args.iso_json)
        french = load_french(args.locale_dir)
        extras = load_extras(args.extras)
        countries = build(iso_entries, french, extras)
        text = render(countries, iso_codes_version(), display_path(args.extras))
        write_atomically(args.output, text)
    except GenerationError as e:
        sys.stderr.write('%s: error: %s\n' % (os.path.basename(sys.argv[0]), e))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
