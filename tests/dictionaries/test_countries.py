#!/usr/bin/env python3
"""Check dictionaries/actors/countries.yaml.

Usage: test_countries.py REPO_ROOT

(a) Regenerates the dictionary into a temporary file and checks that it is
    byte-identical to the committed one (skipped, exit 77, when Debian's
    iso-codes data or PyYAML is not installed).
(b) Loads the committed file with PyYAML and checks its structure: 3-letter
    upper-case codes, non-empty English and French names, and no string
    (name, demonym or capital) shared by two countries.

Exit status: 0 on success, 1 on failure, 77 when skipped.
"""

import difflib
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77
ISO_CODES_DIR = '/usr/share/iso-codes'
LANGS = ('en', 'fr')
FIELDS = ('names', 'demonyms', 'capital')


def skip(reason):
    print('SKIP: %s' % reason)
    sys.exit(SKIP)


def check_regeneration(root, committed_path, errors):
    script = os.path.join(root, 'scripts', 'generate_country_dictionary.py')
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'countries.yaml')
        proc = subprocess.run([sys.executable, script, '-o', out],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        if proc.returncode != 0:
            errors.append('generator failed (exit %d):\n%s' % (proc.returncode, proc.stderr))
            return
        with open(out, 'rb') as f:
            fresh = f.read()
    with open(committed_path, 'rb') as f:
        committed = f.read()
    if fresh != committed:
        diff = difflib.unified_diff(committed.decode('utf-8', 'replace').splitlines(),
                                    fresh.decode('utf-8', 'replace').splitlines(),
                                    'committed', 'regenerated', lineterm='', n=0)
        lines = list(diff)
        shown = '\n'.join(lines[:40]) + ('\n...' if len(lines) > 40 else '')
        errors.append('%s is out of date; run `make dictionaries` '
                      '(scripts/generate_country_dictionary.py):\n%s' % (committed_path, shown))


def check_content(committed_path, errors):
    import yaml
    with open(committed_path, encoding='utf-8') as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict) or data.get('format') != 'vigie-countries' \
            or data.get('version') != 1:
        errors.append('bad header: expected format: vigie-countries, version: 1')
        return
    countries = data.get('countries')
    if not isinstance(countries, list) or not countries:
        errors.append('countries: missing or empty')
        return

    owners = {}  # casefolded string -> {code: first spelling seen}
    codes = []
    for i, c in enumerate(countries):
        code = c.get('code') if isinstance(c, dict) else None
        where = 'countries[%d] (%s)' % (i, code)
        if not isinstance(code, str) or not re.fullmatch(r'[A-Z]{3}', code):
            errors.append('%s: code is not 3 upper-case letters' % where)
            continue
        codes.append(code)
        if not isinstance(c.get('name'), str) or not c['name']:
            errors.append('%s: missing name' % where)
        names = c.get('names')
        for lang in LANGS:
            if not isinstance(names, dict) or not isinstance(names.get(lang), list) \
                    or not names[lang]:
                errors.append('%s: no %s names' % (where, lang))
        for field in FIELDS:
            if field not in c:
                continue
            value = c[field]
            if not isinstance(value, dict):
                errors.append('%s.%s: not a mapping' % (where, field))
                continue
            for lang in LANGS:
                items = value.get(lang)
                if not isinstance(items, list) or not items:
                    errors.append('%s.%s.%s: missing or empty' % (where, field, lang))
                    continue
                if len(set(items)) != len(items):
                    errors.append('%s.%s.%s: duplicate entries' % (where, field, lang))
                for s in items:
                    if not isinstance(s, str) or not s.strip():
                        errors.append('%s.%s.%s: bad string %r' % (where, field, lang, s))
                        continue
                    owners.setdefault(s.casefold(), {}).setdefault(code, s)

    if codes != sorted(codes):
        errors.append('entries are not sorted by code')
    dup_codes = sorted({c for c in codes if codes.count(c) > 1})
    if dup_codes:
        errors.append('duplicate codes: %s' % ', '.join(dup_codes))
    if len(codes) < 249:
        errors.append('only %d countries (iso-codes alone has 249)' % len(codes))

    shared = sorted((k, v) for k, v in owners.items() if len(v) > 1)
    if shared:
        errors.append('%d string(s) shared by several countries:\n%s' % (
            len(shared), '\n'.join('  %r: %s' % (next(iter(v.values())), ', '.join(sorted(v)))
                                   for _, v in shared)))
    return len(codes)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write('usage: %s REPO_ROOT\n' % argv[0])
        return 2
    root = os.path.abspath(argv[1])
    committed = os.path.join(root, 'dictionaries', 'actors', 'countries.yaml')
    if not os.path.isfile(committed):
        print('FAIL: %s not found' % committed)
        return 1
    if not os.path.isdir(ISO_CODES_DIR):
        skip('%s is missing (install the Debian package iso-codes)' % ISO_CODES_DIR)
    try:
        import yaml  # noqa: F401
    except ImportError:
        skip('PyYAML is not installed (Debian package python3-yaml)')

    errors = []
    check_regeneration(root, committed, errors)
    count = check_content(committed, errors)
    if errors:
        for e in errors:
            print('FAIL: %s' % e)
        return 1
    print('PASS: %s (%d countries)' % (os.path.relpath(committed, root), count))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
