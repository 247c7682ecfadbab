"""Writes metric_fixtures.json: scikit-learn reference values for Pipelines/Metrics.

Run with Debian's interpreter (scikit-learn 1.2):
    cd UnitTests/Fixtures/sklearn && /usr/bin/python3 make_metric_fixtures.py
Every input value is float32-representable so the C# float and double overloads see the same numbers;
json.dumps writes floats with repr, which round-trips exactly to a C# double.
"""
import json
import warnings

import numpy as np
import sklearn
from sklearn import metrics

rng = np.random.default_rng(20240607)


def f32(a):
    return np.asarray(a, dtype=np.float64).astype(np.float32).astype(np.float64)


def lst(a):
    return [float(x) for x in np.asarray(a).ravel()]


def binary_case(name, n, decimals=None, duplicates=0, pos_rate=0.5):
    labels = (rng.random(n) < pos_rate).astype(np.int64)
    labels[0], labels[1] = 1, 0  # both classes present
    scores = rng.normal(size=n) + 1.2 * labels
    if decimals is not None:  # coarse rounding creates many ties across classes
        scores = np.round(scores, decimals)
    if duplicates:  # a few exact duplicates of other samples' scores
        idx = rng.choice(n, size=duplicates, replace=False)
        scores[idx] = scores[rng.choice(n, size=duplicates)]
    scores = f32(scores)
    probs = f32(1.0 / (1.0 + np.exp(-scores)))
    pred = (scores > 0).astype(np.int64)
    fpr, tpr, thr = metrics.roc_curve(labels, scores)
    fpr_all, tpr_all, thr_all = metrics.roc_curve(labels, scores, drop_intermediate=False)
    p_pos, r_pos, f_pos, _ = metrics.precision_recall_fscore_support(labels, pred, pos_label=1, average="binary", zero_division=0)
    p_neg, r_neg, _, _ = metrics.precision_recall_fscore_support(labels, pred, pos_label=0, average="binary", zero_division=0)
    return {
        "name": name,
        "labels": [int(x) for x in labels],
        "scores": lst(scores),
        "probabilities": lst(probs),
        "roc_fpr": lst(fpr), "roc_tpr": lst(tpr), "roc_thresholds": lst(thr),
        "roc_all_fpr": lst(fpr_all), "roc_all_tpr": lst(tpr_all), "roc_all_thresholds": lst(thr_all),
        "roc_auc": float(metrics.roc_auc_score(labels, scores)),
        "average_precision": float(metrics.average_precision_score(labels, scores)),
        "log_loss": float(metrics.log_loss(labels, probs)),
        # rows = truth, columns = predicted, class order [0, 1] (sklearn's); C# puts positive first.
        "confusion_matrix": metrics.confusion_matrix(labels, pred, labels=[0, 1]).tolist(),
        "accuracy": float(metrics.accuracy_score(labels, pred)),
        "positive_precision": float(p_pos), "positive_recall": float(r_pos), "f1": float(f_pos),
        "negative_precision": float(p_neg), "negative_recall": float(r_neg),
    }


def regression_case(name, n, constant=False):
    labels = f32(np.full(n, 3.5) if constant else rng.normal(2.0, 3.0, size=n))
    scores = f32(labels + rng.normal(0.0, 1.0, size=n))
    mse = metrics.mean_squared_error(labels, scores)
    return {
        "name": name, "labels": lst(labels), "scores": lst(scores),
        "mean_squared_error": float(mse),
        "root_mean_squared_error": float(np.sqrt(mse)),
        "mean_absolute_error": float(metrics.mean_absolute_error(labels, scores)),
        "r2": float(metrics.r2_score(labels, scores)),
    }


def multiclass_case(name, n, k, decimals=None):
    labels = rng.integers(0, k, size=n)
    labels[:k] = np.arange(k)  # every class present, so sklearn's ovr AUC is defined
    logits = rng.normal(size=(n, k))
    logits[np.arange(n), labels] += 1.0
    if decimals is not None:  # ties within rows (argmax/top-k) ...
        logits = np.round(logits, decimals)
        # ... and exact duplicate rows, hence tied scores within each class column (AUC)
        logits[rng.choice(np.arange(k, n), size=n // 8, replace=False)] = logits[rng.choice(n, size=n // 8)]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    # Plain float64 (not float32-rounded): rows must sum to 1 to rounding, because sklearn's log_loss
    # renormalizes rows and the C# side does not.
    probs = e / e.sum(axis=1, keepdims=True)
    pred = probs.argmax(axis=1)  # first maximum, as the C# default
    row_ties = any(len(np.unique(r)) < k for r in probs)
    case = {
        "name": name, "classes": k, "labels": [int(x) for x in labels],
        "probabilities": lst(probs), "predicted": [int(x) for x in pred],
        "confusion_matrix": metrics.confusion_matrix(labels, pred, labels=list(range(k))).tolist(),
        "micro_accuracy": float(metrics.accuracy_score(labels, pred)),
        "macro_accuracy": float(metrics.balanced_accuracy_score(labels, pred)),
        "log_loss": float(metrics.log_loss(labels, probs, labels=list(range(k)))),
        "per_class_precision": lst(metrics.precision_score(labels, pred, labels=list(range(k)), average=None, zero_division=0)),
        "per_class_recall": lst(metrics.recall_score(labels, pred, labels=list(range(k)), average=None, zero_division=0)),
        "per_class_auc": [float(metrics.roc_auc_score(labels == c, probs[:, c])) for c in range(k)],
        "macro_ovr_auc": float(metrics.roc_auc_score(labels, probs, multi_class="ovr", average="macro")),
        # sklearn breaks top-k ties differently from ML.NET, so only tie-free rows are compared.
        "top2_accuracy": None if row_ties else float(metrics.top_k_accuracy_score(labels, probs, k=2, labels=list(range(k)))),
    }
    return case


def main():
    warnings.simplefilter("error")
    out = {
        "sklearn_version": sklearn.__version__,
        "binary": [
            binary_case("small_distinct", 6),
            binary_case("ties_1_decimal", 40, decimals=1),
            binary_case("ties_0_decimals", 25, decimals=0),
            binary_case("duplicates", 100, duplicates=8),
            binary_case("imbalanced_ties", 257, decimals=2, duplicates=20, pos_rate=0.15),
        ],
        "regression": [
            regression_case("n5", 5),
            regression_case("n64", 64),
            regression_case("n300", 300),
            regression_case("constant_labels", 7, constant=True),
        ],
        "multiclass": [
            multiclass_case("k3_n30", 30, 3),
            multiclass_case("k4_ties", 80, 4, decimals=1),
            multiclass_case("k5_n200", 200, 5),
        ],
    }
    with open("metric_fixtures.json", "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
