#!/usr/bin/env python3
"""Regenerates tests/data/reference-pairs.tsv: every interaction pair of the NDF-RT table and of
the ANSM thesaurus (2020) whose two ingredients medcheck knows, with the source's severity.

Run by hand when the knowledge base or the sources change:
    python3 tools/reference_pairs.py ../shared/sources > tests/data/reference-pairs.tsv
The build and the tests never read the sources themselves; tests/coverage.rs reads the TSV.

Matching:
- NDF-RT rows carry DrugBank ids: the DrugBank common name and synonyms are looked up in
  medcheck's names.
- ANSM substances are French names: accents folded, then the common French endings (-ine, -e,
  "acide …ique") mapped to the US name, plus a short list of names that differ outright.
  ANSM class entries are expanded through the ANSM substance index.
- An ANSM entry with several levels keeps a level only when its condition is general or names
  one of the two substances; the most severe kept level counts.
"""
import csv, glob, json, re, sys, tomllib, unicodedata
from collections import defaultdict

SOURCES = sys.argv[1] if len(sys.argv) > 1 else '../shared/sources'
KB = 'src/knowledge'
ANSM_LEVEL = {'CONTRE-INDICATION': 'contre-indication', 'Association DECONSEILLEE': 'association-deconseillee',
              "Précaution d'emploi": 'precaution-emploi', 'A prendre en compte': 'a-prendre-en-compte',
              'Il convient de prendre en compte': 'a-prendre-en-compte'}
RANK = ['contre-indication', 'association-deconseillee', 'precaution-emploi', 'a-prendre-en-compte']
FRENCH = {'paracetamol': 'acetaminophen', 'millepertuis': "st. john's wort", 'acide acetylsalicylique': 'aspirin',
          'ciclosporine': 'cyclosporine', 'rifampicine': 'rifampin', 'salbutamol': 'albuterol',
          'glibenclamide': 'glyburide', 'potassium': 'potassium chloride', 'fer': 'ferrous sulfate',
          'calcium': 'calcium carbonate', 'magnesium': 'magnesium oxide', 'dextromethorphane': 'dextromethorphan',
          'ethinylestradiol': 'ethinyl estradiol', 'colestyramine': 'cholestyramine',
          'acide valproique': 'valproic acid', 'divalproate de sodium': 'valproic acid',
          'mycophenolate mofetil': 'mycophenolate', 'acide mycophenolique': 'mycophenolate'}


def fold(text):
    text = unicodedata.normalize('NFKD', text.replace('œ', 'oe').replace('Œ', 'oe'))
    text = ''.join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'", '').replace('\u2019', '')
    return ' '.join(re.sub(r'[^a-z0-9]+', ' ', text).split())


def known_names():
    names = {}
    for path in glob.glob(f'{KB}/ingredients/*.toml'):
        for r in tomllib.load(open(path, 'rb'))['ingredient']:
            for n in [r['id']] + r.get('names', []) + r.get('salts', []):
                names[fold(n)] = r['id']
    return names


def french_candidates(name):
    f = re.sub(r'\s*\(.*?\)\s*', ' ', fold(name)).strip()
    out = [f, re.sub('ine$', 'in', f), re.sub('e$', '', f)]
    m = re.match(r'acide (\w+)ique$', f)
    if m:
        out.append(m.group(1) + 'ic acid')
    out.append(' '.join(re.sub('e$', '', w) for w in f.split()))
    out.append(' '.join(re.sub('ine$', 'in', w) for w in f.split()))
    return out


def main():
    names = known_names()
    rows = {}  # (source, a, b) -> (level, note)

    def add(source, a, b, level, note, rank):
        if not a or not b or a == b:
            return
        a, b = sorted((a, b))
        old = rows.get((source, a, b))
        if old is None or rank.index(level) < rank.index(old[0]):
            rows[(source, a, b)] = (level, note)

    drugbank = {}
    for row in csv.DictReader(open(f'{SOURCES}/drugbank-open-vocabulary.csv')):
        drugbank[row['DrugBank ID']] = [row['Common name']] + [s.strip() for s in row['Synonyms'].split('|') if s.strip()]

    def by_drugbank(dbid, fallback):
        for n in drugbank.get(dbid, []) + [fallback]:
            if fold(n) in names:
                return names[fold(n)]
        return None

    for r in csv.DictReader(open(f'{SOURCES}/ndf-rt-interactions.tsv'), delimiter='\t'):
        level = r['severity'].lower()
        add('ndf-rt', by_drugbank(r['drug1ID'], r['object']), by_drugbank(r['drug2ID'], r['precipitant']),
            level, f"{r['drug1ID']}/{r['drug2ID']}", ['critical', 'significant'])

    substances = json.load(open(f'{SOURCES}/ansm-substance-classes-2020.json'))
    sub_map = {}
    for e in substances:
        f = fold(e['substance'])
        hit = FRENCH.get(f) or next((names[c] for c in french_candidates(e['substance']) if c in names), None)
        if hit:
            sub_map[f] = hit
    classes = defaultdict(set)
    for e in substances:
        for c in e['drug_classes']:
            if fold(e['substance']) in sub_map:
                classes[fold(c)].add(sub_map[fold(e['substance'])])
    french_of = defaultdict(set)
    for f, i in sub_map.items():
        french_of[i].add(f)
    all_substances = [fold(e['substance']) for e in substances if len(fold(e['substance'])) > 4]

    def expand(name):
        f = fold(name)
        if f in sub_map:
            return {sub_map[f]}
        if f in classes:
            return classes[f]
        return {names[c] for c in french_candidates(name) if c in names}

    def applies(info, a, b):
        f = ' ' + fold(info.replace("'", ' ').replace('\u2019', ' ')) + ' '
        if not f.strip():
            return True
        if any(' ' + n + ' ' in f for n in french_of[a] | french_of[b]):
            return True
        return not any(' ' + n + ' ' in f for n in all_substances)

    for e in json.load(open(f'{SOURCES}/ansm-thesaurus-2020.json')):
        for a in expand(e['main_drug']):
            for b in expand(e['plus_drug']):
                if a == b:
                    continue
                levels = [ANSM_LEVEL[l['level']] for l in e['severity_levels']
                          if len(e['severity_levels']) == 1 or applies(l['info'], a, b)]
                if not levels:
                    levels = [max((ANSM_LEVEL[l['level']] for l in e['severity_levels']), key=RANK.index)]
                add('ansm', a, b, min(levels, key=RANK.index), f"{e['main_drug']} + {e['plus_drug']}", RANK)

    print('# source\tlevel\tingredient_a\tingredient_b\tentry  (generated by tools/reference_pairs.py)')
    for (source, a, b), (level, note) in sorted(rows.items()):
        print(f'{source}\t{level}\t{a}\t{b}\t{note}')


if __name__ == '__main__':
    main()
