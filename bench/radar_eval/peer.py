#!/usr/bin/python3
"""arxiv-sanity-lite's recommendation method, run on radar_eval's exported papers and queries.

Faithful to karpathy/arxiv-sanity-lite (MIT licence) at commit d7a303b410b0 (2022-02-13):
  compute.py lines 18-20: -n 20000 features, --min_df 5, --max_df 0.1 (the defaults it runs with);
  compute.py lines 25-31: the TfidfVectorizer below, setting for setting;
  compute.py lines 50-51: a paper's text is ' '.join([title, summary, ' '.join(author names)]);
  compute.py lines 54-57: fit on all papers (--max_docs -1), transform, .astype(np.float32);
  serve.py lines 120, 137-155 (svm_rank): y = zeros(n, float32), 1.0 for every tagged paper, then
    svm.LinearSVC(class_weight='balanced', verbose=False, max_iter=10000, tol=1e-6, C=C) fit on
    ALL papers' features and decision_function over them, sorted descending;
  serve.py lines 227-231: C = 0.01 unless the user types another (the default, used here).
Here the tagged papers are the query's seeds, and "all papers" is what arxiv-sanity-lite's
database would hold on the target day: every paper of that day and the days before it, as the
radar's index has. Only the target day's papers are read from the ranking (its time filter);
ties (rare with float scores) go to the lower id, as for the radar's baselines.

Usage: peer.py EXPORT_DIR OUT_TSV [--split dev|report|all]
       peer.py --time N [--snapshot FILE] [--repeat R]   (one recommendation at the first N
         papers of radar_bench's gen_corpus snapshot; bench/README.md "Radar speed")
Run with Debian's python3 (/usr/bin/python3, python3-sklearn).
"""
import argparse
import json
import sys
import time

import numpy as np
from sklearn import svm
from sklearn.feature_extraction.text import TfidfVectorizer


def vectorizer():
    return TfidfVectorizer(input='content', encoding='utf-8', decode_error='replace',
                           strip_accents='unicode', lowercase=True, analyzer='word',
                           stop_words='english', token_pattern=r'(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b',
                           ngram_range=(1, 2), max_features=20000, norm='l2', use_idf=True,
                           smooth_idf=True, sublinear_tf=True, max_df=0.1, min_df=5)


def text(p):
    return ' '.join([p['title'], p['abstract'], ' '.join(p['authors'])])


def svm_scores(x, positives, rows):
    y = np.zeros(x.shape[0], dtype=np.float32)
    y[positives] = 1.0
    clf = svm.LinearSVC(class_weight='balanced', verbose=False, max_iter=10000, tol=1e-6, C=0.01)
    clf.fit(x, y)
    return clf.decision_function(x[rows])


def rank(export_dir, out, split):
    papers = [json.loads(l) for l in open(f'{export_dir}/papers.jsonl')]
    queries = [json.loads(l) for l in open(f'{export_dir}/queries.jsonl')]
    queries = [q for q in queries if split == 'all' or q['split'] == split]
    with open(out, 'w') as f:
        for day in sorted({q['day'] for q in queries}):
            corpus = [p for p in papers if p['day'] <= day]
            at = {p['id']: i for i, p in enumerate(corpus)}
            x = vectorizer().fit_transform([text(p) for p in corpus]).astype(np.float32)
            # id order among the day's papers breaks ties, as for the radar's baselines
            cands = sorted((p['id'] for p in corpus if p['day'] == day))
            rows = [at[c] for c in cands]
            todays = [q for q in queries if q['day'] == day]
            for q in todays:
                s = svm_scores(x, [at[s] for s in q['seeds']], rows)
                order = np.argsort(-s, kind='stable')[:20]
                f.write('\t'.join([q['qid']] + [cands[i] for i in order]) + '\n')
            print(f'{day}: {len(todays)} queries', file=sys.stderr, flush=True)


def snapshot_texts(path, n):
    """The first n records of a gen_corpus snapshot (the file radar_bench reads), as compute.py
    joins them: title, abstract, author names ("First Last" from authors_parsed)."""
    out = []
    with open(path) as f:
        for line in f:
            if len(out) >= n:
                break
            r = json.loads(line)
            names = ' '.join(' '.join(x for x in (a[1], a[0], a[2]) if x) for a in r['authors_parsed'])
            out.append(' '.join([r['title'], r['abstract'], names]))
    return out


def features(snapshot, n, cache_dir, max_docs):
    """compute.py's features of the first n snapshot records, cached as .npz (built once, not
    timed: serve.py loads them from disk). Above max_docs papers the vectorizer is fitted on a
    random max_docs of them and transforms all, compute.py's --max_docs (lines 21, 38-45): a
    bigram vocabulary over a million synthetic abstracts does not fit in memory otherwise."""
    import os
    import scipy.sparse as sp
    path = f'{cache_dir}/peer-features-{n}.npz'
    if os.path.exists(path):
        return sp.load_npz(path).tocsr(), None
    t = time.perf_counter()
    texts = snapshot_texts(snapshot, n)
    v = vectorizer()
    if max_docs > 0 and len(texts) > max_docs:
        rng = np.random.default_rng(0)
        v.fit([texts[i] for i in rng.choice(len(texts), size=max_docs, replace=False)])
    else:
        v.fit(texts)
    x = v.transform(texts).astype(np.float32)
    os.makedirs(cache_dir, exist_ok=True)
    sp.save_npz(path, x)
    return x, time.perf_counter() - t


def time_one(snapshot, n, repeat, positives, cache_dir, max_docs):
    """One recommendation as serve.py's svm_rank makes it (lines 137-156): the LinearSVC fit over
    all n papers with `positives` tagged, decision_function over all of them, and the sort;
    timed `repeat` times with other positives each time."""
    x, build_s = features(snapshot, n, cache_dir, max_docs)
    rng = np.random.default_rng(1)
    times = []
    for _ in range(repeat):
        pos = rng.choice(x.shape[0], size=positives, replace=False)
        t = time.perf_counter()
        s = svm_scores(x, pos, slice(None))
        np.argsort(-s)
        times.append(time.perf_counter() - t)
    print(json.dumps({'papers': int(x.shape[0]), 'features': int(x.shape[1]),
                      'nnz_per_paper': x.nnz / x.shape[0], 'positives': positives,
                      'features_build_s': build_s, 'seconds': sorted(times),
                      'median_s': float(np.median(times))}), flush=True)


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('export_dir', nargs='?')
    ap.add_argument('out', nargs='?')
    ap.add_argument('--split', default='all')
    ap.add_argument('--time', type=int, default=0, help='time one recommendation at N papers')
    ap.add_argument('--snapshot', default='bench/data/snapshot-1m.jsonl')
    ap.add_argument('--cache', default='bench/data')
    ap.add_argument('--max-docs', type=int, default=100000)
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--positives', type=int, default=200,
                    help="tagged papers (the radar's 50 seeds and 150 up votes)")
    a = ap.parse_args()
    if a.time:
        time_one(a.snapshot, a.time, a.repeat, a.positives, a.cache, a.max_docs)
    else:
        rank(a.export_dir, a.out, a.split)
