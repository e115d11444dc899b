#!/usr/bin/env python3
"""Check the curated named-actor dictionary, dictionaries/actors/named.yaml.

Usage: check_named_actors.py REPO_ROOT

Checks, each reported with the entry's line:
  - at least MIN_ACTORS entries, each with a unique name, type PER or ORG, non-empty aliases and
    codes, and only the known keys;
  - every code is CAMEO letters in threes (^[A-Z]{3}([A-Z]{3})*$);
  - dates are real YYYY-MM-DD dates, `from` < `until`, and an entry's periods are in date order
    without overlap: only the first may lack `from`, only the last may lack `until`, and a code with
    neither date must be the entry's only code;
  - no alias (folded as the trie folds it: case, and typographic apostrophes) names two entries;
  - no alias of a named actor is also a country name, demonym, capital or role word, except those
    in ALLOWED_SHADOWING (the named entry wins the match, so such an alias silently changes how
    the country or role word is coded);
  - entries are sorted by name (accents and case ignored).

Exit status: 0 all passed, 1 some check failed.
"""

import datetime
import os
import re
import sys
import unicodedata

import yaml

# Issue 5 asks for "a curated list of at least 500 named actors".
MIN_ACTORS = 500

CODE = re.compile(r'^[A-Z]{3}([A-Z]{3})*$')
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
ACTOR_KEYS = {'name', 'type', 'plural', 'aliases', 'codes'}
CODE_KEYS = {'code', 'from', 'until'}

# Aliases that deliberately shadow a country or role entry; each says why.
ALLOWED_SHADOWING = {
    # Belgium's capital, but in wire copy "Bruxelles a décidé" nearly always means the EU.
    'bruxelles': 'European Union',
    'brussels': 'European Union',
}


class Line(int):
    pass


class LineLoader(yaml.SafeLoader):
    """Records the line of every mapping, for messages."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping['__line__'] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings, as the C++ loader reads them.
LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != 'tag:yaml.org,2002:timestamp']
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def fold(text):
    """As unicode::fold: NFC, case-folded, typographic apostrophes as ASCII."""
    text = unicodedata.normalize('NFC', text).casefold()
    return text.replace('\u2019', "'").replace('\u02bc', "'")


def sort_key(name):
    stripped = unicodedata.normalize('NFKD', name).encode('ascii', 'ignore').decode()
    return stripped.casefold()


def words_of(node):
    """Strings of a {en: [...], fr: [...]} map or a plain list."""
    if node is None:
        return []
    if isinstance(node, list):
        return [str(w) for w in node]
    out = []
    for key, value in node.items():
        if key != '__line__':
            out.extend(str(w) for w in value or [])
    return out


def parse_date(text, errors, where):
    text = str(text)
    if not DATE.match(text):
        errors.append('%s: date must be YYYY-MM-DD, got %r' % (where, text))
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        errors.append('%s: %s is not a calendar date' % (where, text))
        return None


def check_codes(name, codes, where, errors):
    periods = []
    for code in codes:
        at = '%s (line %d)' % (where, code.get('__line__', 0)) if isinstance(code, dict) else where
        if not isinstance(code, dict):
            errors.append('%s: each code must be a {code, from, until} map' % at)
            continue
        unknown = set(code) - CODE_KEYS - {'__line__'}
        if unknown:
            errors.append('%s: unknown keys %s' % (at, sorted(unknown)))
        value = str(code.get('code', ''))
        if not CODE.match(value):
            errors.append('%s: code must be CAMEO letters in threes, got %r' % (at, value))
        start = parse_date(code['from'], errors, at) if 'from' in code else None
        end = parse_date(code['until'], errors, at) if 'until' in code else None
        if start and end and not start < end:
            errors.append('%s: from %s is not before until %s' % (at, start, end))
        periods.append((start, end, 'from' in code, 'until' in code, at))
    for i, (start, end, has_from, has_until, at) in enumerate(periods):
        if not has_from and not has_until and len(periods) > 1:
            errors.append('%s: %s has an undated code beside dated ones' % (at, name))
        if not has_from and i > 0:
            errors.append('%s: only the first period may lack `from`' % at)
        if not has_until and i < len(periods) - 1:
            errors.append('%s: only the last period may lack `until`' % at)
        if i > 0:
            previous_end = periods[i - 1][1]
            if previous_end and start and start < previous_end:
                errors.append('%s: period starting %s overlaps the previous one (until %s)' %
                              (at, start, previous_end))


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    actors_dir = os.path.join(sys.argv[1], 'dictionaries', 'actors')
    named_path = os.path.join(actors_dir, 'named.yaml')
    errors = []
    try:
        with open(named_path, encoding='utf-8') as f:
            named = yaml.load(f, Loader=LineLoader)
    except (OSError, yaml.YAMLError) as e:
        print('FAIL: %s: %s' % (named_path, e))
        return 1
    actors = named.get('actors') or []

    # Strings of the other actor dictionaries, which a named alias would shadow.
    shadowed = {}
    with open(os.path.join(actors_dir, 'countries.yaml'), encoding='utf-8') as f:
        for country in yaml.safe_load(f)['countries']:
            for field in ('names', 'demonyms', 'capital'):
                for word in words_of(country.get(field)):
                    shadowed[fold(word)] = 'country %s (%s)' % (country['code'], field)
    with open(os.path.join(actors_dir, 'roles.yaml'), encoding='utf-8') as f:
        for role in yaml.safe_load(f)['roles']:
            for word in words_of(role.get('words')):
                shadowed[fold(word)] = 'role %s' % role['role']

    if len(actors) < MIN_ACTORS:
        errors.append('%s: %d actors, fewer than %d' % (named_path, len(actors), MIN_ACTORS))
    names = {}
    alias_owner = {}
    previous_key = None
    for actor in actors:
        line = actor.get('__line__', 0)
        name = str(actor.get('name', ''))
        where = 'named.yaml:%d %s' % (line, name)
        unknown = set(actor) - ACTOR_KEYS - {'__line__'}
        if unknown:
            errors.append('%s: unknown keys %s' % (where, sorted(unknown)))
        if not name:
            errors.append('%s: no name' % where)
        elif name in names:
            errors.append('%s: name already used at line %d' % (where, names[name]))
        names[name] = line
        if actor.get('type') not in ('PER', 'ORG'):
            errors.append('%s: type must be PER or ORG' % where)
        if 'plural' in actor and not isinstance(actor['plural'], bool):
            errors.append('%s: plural must be true or false' % where)
        key = sort_key(name)
        if previous_key is not None and key < previous_key:
            errors.append('%s: not sorted by name' % where)
        previous_key = key

        aliases = words_of(actor.get('aliases'))
        if not aliases:
            errors.append('%s: no aliases' % where)
        for alias in aliases:
            folded = fold(alias)
            owner = alias_owner.setdefault(folded, name)
            if owner != name:
                errors.append('%s: alias %r already names %s' % (where, alias, owner))
            if folded in shadowed and ALLOWED_SHADOWING.get(folded) != name:
                errors.append('%s: alias %r is also %s' % (where, alias, shadowed[folded]))
        codes = actor.get('codes')
        if not isinstance(codes, list) or not codes:
            errors.append('%s: no codes' % where)
            continue
        check_codes(name, codes, where, errors)

    for error in errors:
        print('FAIL: ' + error)
    people = sum(1 for a in actors if a.get('type') == 'PER')
    print('%d actors (%d PER, %d ORG), %d aliases: %s' %
          (len(actors), people, len(actors) - people, len(alias_owner),
           'ok' if not errors else '%d problems' % len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
