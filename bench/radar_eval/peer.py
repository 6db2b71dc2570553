#!/usr/bin/python3
"""arxiv-sanity-lite's recommendation method, run on radar_eval's exported papers and queries.

A re-implementation in a few lines of the method of karpathy/arxiv-sanity-lite (MIT licence):
compute.py's TF-IDF over title, abstract and author names and serve.py's svm_rank, a
LinearSVC(C=0.01, class_weight="balanced") trained over all papers with the seeds as the
positives, ranking by its decision function. Settings copied from there:
  TfidfVectorizer(input='content', encoding='utf-8', decode_error='replace',
                  strip_accents='unicode', lowercase=True, analyzer='word', stop_words='english',
                  token_pattern=r'(?u)\\b[a-zA-Z_][a-zA-Z0-9_]+\\b', ngram_range=(1, 2),
                  max_features=20000, norm='l2', use_idf=True, smooth_idf=True, sublinear_tf=True,
                  max_df=0.1, min_df=5)
  svm.LinearSVC(class_weight='balanced', verbose=False, max_iter=10000, tol=1e-6, C=0.01)
"All papers" is what arxiv-sanity-lite's database would hold on the target day: every paper of
that day and the days before it, as for the radar.

Usage: peer.py EXPORT_DIR OUT_TSV [--split dev|report|all]
       peer.py --time N [--repeat R]   (one recommendation at N synthetic papers; see bench/README)
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


def time_one(n, repeat, seeds):
    """One recommendation (svm_rank: fit over all papers + decision function) at n papers of
    synthetic features shaped like arxiv-sanity-lite's (20,000 features, ~100 non-zeros a paper,
    l2-normalised), timed after the features exist, as serve.py finds them on disk."""
    import scipy.sparse as sp
    rng = np.random.default_rng(1)
    nnz = 100
    cols = rng.integers(0, 20000, size=(n, nnz))
    vals = rng.random((n, nnz), dtype=np.float32)
    x = sp.csr_matrix((vals.ravel(), cols.ravel(), np.arange(0, n * nnz + 1, nnz)),
                      shape=(n, 20000), dtype=np.float32)
    x.sum_duplicates()
    norms = np.sqrt(x.multiply(x).sum(axis=1)).A.ravel()
    x = sp.diags(1 / norms).dot(x).tocsr().astype(np.float32)
    times = []
    for r in range(repeat):
        pos = rng.choice(n, size=seeds, replace=False)
        t = time.perf_counter()
        s = svm_scores(x, pos, np.arange(n))
        np.argsort(-s)
        times.append(time.perf_counter() - t)
    print(json.dumps({'papers': n, 'seeds': seeds, 'seconds': sorted(times),
                      'median_s': float(np.median(times))}))


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('export_dir', nargs='?')
    ap.add_argument('out', nargs='?')
    ap.add_argument('--split', default='all')
    ap.add_argument('--time', type=int, default=0)
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--seeds', type=int, default=50)
    a = ap.parse_args()
    if a.time:
        time_one(a.time, a.repeat, a.seeds)
    else:
        rank(a.export_dir, a.out, a.split)
