"""The MLE-Dojo way of scoring, for comparison: pandas read_csv, sort by id, validate, scikit-learn metric.

Usage: /usr/bin/python3 python_score.py auc|logloss REPEATS ANSWER.csv SUBMISSION.csv [WARMUPS]
Prints one JSON object: score, seconds (median over REPEATS, after WARMUPS unmeasured ones, of submission read +
validation + metric, answers preloaded), seconds_cold (answers read + the first scoring), peak_rss_bytes (after the first scoring).
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score


def score(kind, truth, sub):
    if len(sub) != len(truth):
        raise ValueError("row count")
    sub = sub.sort_values(by="id").reset_index(drop=True)
    truth = truth.sort_values(by="id").reset_index(drop=True)
    if (sub["id"].values != truth["id"].values).any():
        raise ValueError("ids")
    if set(sub.columns) != set(truth.columns):
        raise ValueError("columns")
    if kind == "auc":
        return roc_auc_score(truth["target"], sub["target"])
    classes = [c for c in truth.columns if c != "id"]
    return log_loss(truth[classes].values, sub[classes].values)


def main():
    kind, repeats, answer_path, submission_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    warmups = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    cold_start = time.perf_counter()
    truth = pd.read_csv(answer_path)
    value = score(kind, truth, pd.read_csv(submission_path))
    cold = time.perf_counter() - cold_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    for _ in range(warmups):
        score(kind, truth, pd.read_csv(submission_path))
    warm = []
    for _ in range(repeats):
        start = time.perf_counter()
        value = score(kind, truth, pd.read_csv(submission_path))
        warm.append(time.perf_counter() - start)
    print(json.dumps({
        "score": float(value),
        "seconds": sorted(warm)[len(warm) // 2],
        "seconds_cold": cold,
        "peak_rss_bytes": peak,
    }))


if __name__ == "__main__":
    main()
