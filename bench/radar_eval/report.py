#!/usr/bin/python3
"""Scores every method's rankings with one scorer and prints the tables of bench/README.md,
"Radar quality".

Each ranking file is a TSV, one line per query: the query id (day|author) then the method's
top 20 paper ids, best first (radar_eval --out writes one per method, peer.py writes the peer's).
The relevant papers come from the export's queries.jsonl. nDCG@10 (binary gains, ideal DCG over
min(10, relevant)) and recall@20 are averaged over the queries of the split; a query a method did
not rank counts as 0 (it never happens with the files of run.sh; the count is printed).

Usage: report.py --export DIR --split report --title TEXT NAME=FILE.tsv ... [--ablation]
  The first NAME is the one the ratios are against when --versus NAME is not given.
  --ablation prints radar minus each signal (NAMEs without_<signal>) beside the full radar.
  --json FILE also writes the numbers.
Standard library only.
"""
import argparse
import json
import math
import sys


def ndcg_at(ranked, relevant, k):
    dcg = sum(1 / math.log2(i + 2) for i, p in enumerate(ranked[:k]) if p in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def recall_at(ranked, relevant, k):
    return sum(1 for p in ranked[:k] if p in relevant) / len(relevant) if relevant else 0.0


def load_rankings(path):
    out = {}
    with open(path) as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if parts and parts[0]:
                out[parts[0]] = parts[1:]
    return out


def score(queries, rankings):
    n = len(queries)
    nd = sum(ndcg_at(rankings.get(q['qid'], []), set(q['relevant']), 10) for q in queries)
    rc = sum(recall_at(rankings.get(q['qid'], []), set(q['relevant']), 20) for q in queries)
    missing = sum(1 for q in queries if q['qid'] not in rankings)
    return {'ndcg10': nd / n if n else 0.0, 'recall20': rc / n if n else 0.0,
            'queries': n, 'unranked': missing}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--export', required=True)
    ap.add_argument('--split', default='report')
    ap.add_argument('--title', default='')
    ap.add_argument('--versus', default='peer')
    ap.add_argument('--ablation', action='store_true')
    ap.add_argument('--json')
    ap.add_argument('methods', nargs='+', help='NAME=FILE.tsv')
    a = ap.parse_args()

    queries = [json.loads(l) for l in open(f'{a.export}/queries.jsonl')]
    queries = [q for q in queries if a.split == 'all' or q['split'] == a.split]
    days = sorted({q['day'] for q in queries})
    results = {}
    for m in a.methods:
        name, path = m.split('=', 1)
        results[name] = score(queries, load_rankings(path))

    print(f'### {a.title}' if a.title else '')
    print(f'{len(queries)} queries on {len(days)} {a.split} days ({", ".join(days)}); '
          f'{len({p for q in queries for p in q["relevant"]})} relevant papers')
    print()
    if a.ablation:
        full = results.get('radar')
        print('| radar | nDCG@10 | change | recall@20 | change |')
        print('| --- | ---: | ---: | ---: | ---: |')
        for name, r in results.items():
            label = 'all signals' if name == 'radar' else name.replace('without_', 'without ')
            dn = r['ndcg10'] - full['ndcg10'] if full else 0
            dr = r['recall20'] - full['recall20'] if full else 0
            print(f'| {label} | {r["ndcg10"]:.3f} | {dn:+.3f} | {r["recall20"]:.3f} | {dr:+.3f} |')
    else:
        ref = results.get(a.versus)
        print(f'| method | nDCG@10 | recall@20 | nDCG@10 / {a.versus} | queries |')
        print('| --- | ---: | ---: | ---: | ---: |')
        for name, r in results.items():
            ratio = (f'{r["ndcg10"] / ref["ndcg10"]:.2f}x'
                     if ref and ref['ndcg10'] > 0 else '-')
            print(f'| {name} | {r["ndcg10"]:.3f} | {r["recall20"]:.3f} | {ratio} | '
                  f'{r["queries"]} |')
    unranked = {n: r['unranked'] for n, r in results.items() if r['unranked']}
    if unranked:
        print(f'\nWARNING: queries without a ranking (scored 0): {unranked}', file=sys.stderr)
    print()
    if a.json:
        with open(a.json, 'w') as f:
            json.dump({'split': a.split, 'title': a.title, 'days': days, 'methods': results}, f,
                      indent=1)


if __name__ == '__main__':
    main()
