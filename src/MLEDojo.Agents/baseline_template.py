# Baseline written by MLEDojo's scripted agent: {{model}} on the public training data.
import os

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge

SEED = {{seed}}
TREES = {{trees}}
WANT_PROBABILITIES = {{probabilities}}
data_dir = os.environ.get("DOJO_DATA_DIR", {{data_dir}})

train = pd.read_csv(os.path.join(data_dir, "train.csv"))
test = pd.read_csv(os.path.join(data_dir, "test.csv"))
sample = pd.read_csv(os.path.join(data_dir, "sample_submission.csv"))

# Columns the test set already has are copied through (ids, or row keys when there is no id); the rest are predicted.
passthrough = [c for c in sample.columns if c in test.columns]
targets = [c for c in sample.columns if c not in test.columns]
id_like = {c for c in passthrough if test[c].is_unique}
features = [c for c in test.columns if c in train.columns and c not in id_like and c not in targets]

text_columns = [c for c in features if train[c].dtype == object and train[c].astype(str).str.len().mean() > 40]
if text_columns:
    column = text_columns[0]
    vectorizer = TfidfVectorizer(max_features=20000, ngram_range=(1, 2), sublinear_tf=True)
    X = vectorizer.fit_transform(train[column].fillna("").astype(str))
    X_test = vectorizer.transform(test[column].fillna("").astype(str))
else:
    numeric = [c for c in features if pd.api.types.is_numeric_dtype(train[c]) or pd.api.types.is_bool_dtype(train[c])]
    categorical = [c for c in features if c not in numeric and train[c].nunique() <= 30]
    both = pd.concat([train[numeric + categorical], test[numeric + categorical]], keys=["train", "test"])
    both = pd.get_dummies(both, columns=categorical, dummy_na=True).astype(float)
    both = both.fillna(both.median(numeric_only=True)).fillna(0.0)
    X, X_test = both.loc["train"].values, both.loc["test"].values

submission = test[passthrough].copy()
for target in targets:
    y = train[target]
    is_label = y.dtype == bool or y.dtype == object or (pd.api.types.is_integer_dtype(y) and y.nunique() <= 20)
    if is_label:
        model = LogisticRegression(max_iter=2000, C=4.0) if text_columns else RandomForestClassifier(n_estimators=TREES, random_state=SEED, n_jobs=1)
        model.fit(X, y)
        if WANT_PROBABILITIES and len(model.classes_) == 2:
            submission[target] = model.predict_proba(X_test)[:, 1]
        else:
            submission[target] = model.predict(X_test)
    else:
        model = Ridge(alpha=1.0) if text_columns else RandomForestRegressor(n_estimators=TREES, random_state=SEED, n_jobs=1)
        model.fit(X, y)
        prediction = model.predict(X_test)
        submission[target] = np.clip(prediction, 0, None) if (y >= 0).all() else prediction

submission[sample.columns].to_csv("submission.csv", index=False)
print(f"wrote submission.csv: {len(submission)} rows, targets {targets}, model {type(model).__name__}")
