"""Wording cues: can a question's key be found from the options alone, without knowing anything?

Two checks for `mlsquiz bank lint`:

- **The option-only baseline.** A logistic regression reads only the options of each question (never the stem,
  the explanations or the knowledge base) and scores each option; its pick is the top-scored option (the top
  `select` options for multiple response). It is cross-validated with folds grouped by question, one model per
  generator template (calculation templates pooled) and one for the scenarios. If it finds the key clearly
  more often than chance, the options carry a tell that a candidate learns instead of the services.
- **Scenario tells.** Justification tails ("because ...", "so that ...") and absolutes ("all", "never", ...)
  counted in keys and in distractors of the hand-written scenarios.

scikit-learn and numpy are a lint extra (`pip install 'mlsquiz[lint]'`), never a runtime dependency of the
app, so this module imports them only inside `option_only_baseline`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from mlsquiz.bank.schema import Question

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MARGIN_LIMIT = 10.0  # points of accuracy above chance that fail the build
MIN_QUESTIONS = 40  # smaller groups are reported but do not fail
FOLDS = 5
TELL_RATIO_LIMIT = 1.5  # distractor rate over key rate that fails the build
TELL_MIN_OPTIONS = 20  # a tell must occur in at least this many options before its rates are judged
INSTALL_HINT = "pip install 'mlsquiz[lint]'"

TELLS: dict[str, re.Pattern[str]] = {
    "justification tail": re.compile(r"\b(?:because|so that)\b|, (?:which|so)\b", re.I),
    "absolute": re.compile(r"\b(?:all|every|never|only|always|any)\b", re.I),
}
SPECIFIC = re.compile(r"\b(?:for example|such as|e\.g\.)|\d", re.I)
NEGATION = re.compile(r"\b(?:not|no|cannot|without|none|nor)\b|n't\b", re.I)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?", re.I)
CAPITALIZED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z0-9]+")


@dataclass(frozen=True)
class CueResult:
    """The baseline's score for one group of questions; `margin` is in percentage points above chance."""

    group: str
    questions: int
    accuracy: float
    chance: float
    gated: bool  # big enough to fail the build

    @property
    def margin(self) -> float:
        return (self.accuracy - self.chance) * 100

    @property
    def fails(self) -> bool:
        return self.gated and self.margin > MARGIN_LIMIT

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "margin": round(self.margin, 1), "fails": self.fails}


@dataclass(frozen=True)
class TellRate:
    """How often one kind of tell appears in keys and in distractors."""

    tell: str
    keys_with: int
    keys: int
    distractors_with: int
    distractors: int

    @property
    def key_rate(self) -> float:
        return self.keys_with / self.keys if self.keys else 0.0

    @property
    def distractor_rate(self) -> float:
        return self.distractors_with / self.distractors if self.distractors else 0.0

    @property
    def judged(self) -> bool:
        return self.keys_with + self.distractors_with >= TELL_MIN_OPTIONS

    @property
    def fails(self) -> bool:
        return self.judged and self.distractor_rate > TELL_RATIO_LIMIT * self.key_rate

    def as_json(self) -> dict[str, object]:
        return {
            **asdict(self),
            "key_rate": round(self.key_rate, 4),
            "distractor_rate": round(self.distractor_rate, 4),
            "fails": self.fails,
        }


CHOICE_TYPES = ("single", "multiple")


def cue_group(q: Question) -> str:
    """Generated questions are judged per template (calculations pooled); hand-written ones per source."""
    if q.template is None:
        return q.source
    return "calc-*" if q.template.startswith("calc-") else q.template


def chance(questions: Sequence[Question]) -> float:
    """The expected accuracy of a blind pick: the mean of 1 / C(options, select)."""
    return sum(1 / math.comb(len(q.options), q.select) for q in questions) / len(questions)


# --- scenario tells ------------------------------------------------------------------------------------------


def tell_rates(questions: Sequence[Question]) -> list[TellRate]:
    rates = []
    for name, pattern in TELLS.items():
        counts = [0, 0, 0, 0]  # keys with, keys, distractors with, distractors
        for q in questions:
            for option in q.options:
                slot = 0 if option.key in q.answer else 2
                counts[slot] += bool(pattern.search(option.text))
                counts[slot + 1] += 1
        rates.append(TellRate(name, *counts))
    return rates


def distractor_only_tells(q: Question) -> list[tuple[str, list[str]]]:
    """The tells that some distractors of `q` carry and none of its keys do, with the distractors' keys."""
    found = []
    for name, pattern in TELLS.items():
        if any(pattern.search(o.text) for o in q.correct_options):
            continue
        carriers: list[str] = [o.key for o in q.options if o.key not in q.answer and pattern.search(o.text)]
        if carriers:
            found.append((name, carriers))
    return found


# --- the option-only baseline --------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _option_features(texts: Sequence[str]) -> list[list[float]]:
    """Hand-made features of each option of one question, several of them relative to its siblings."""
    words = [_words(t) for t in texts]
    sets = [set(w) for w in words]
    chars = [float(len(t)) for t in texts]
    n_words = [float(len(w)) for w in words]

    def z(values: list[float], i: int) -> float:
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        return (values[i] - mean) / sd if sd else 0.0

    rows = []
    for i, text in enumerate(texts):
        others = [s for j, s in enumerate(sets) if j != i]
        union_others = set().union(*others) if others else set()
        jaccard = [len(sets[i] & o) / max(len(sets[i] | o), 1) for o in others]
        rows.append(
            [
                math.log1p(chars[i]),
                n_words[i],
                z(chars, i),
                z(n_words, i),
                float(chars[i] == max(chars)),
                float(chars[i] == min(chars)),
                sum(jaccard) / max(len(jaccard), 1),
                len(sets[i] - union_others) / max(len(sets[i]), 1),
                float(text.count(",")),
                float(text.count("(")),
                float(text.count(":") + text.count(";")),
                float(text.count("'") + text.count('"')),
                float(text.count("-") + text.count("–")),
                float(text.count("/")),
                float(text.rstrip().endswith(".")),
                float(len(TELLS["justification tail"].findall(text))),
                float(len(TELLS["absolute"].findall(text))),
                float(len(SPECIFIC.findall(text))),
                float(len(NEGATION.findall(text))),
                float(len(CAPITALIZED.findall(text))),
            ]
        )
    # each feature also as its difference from the question's mean, since the pick is made within the question
    width = len(rows[0])
    means = [sum(r[k] for r in rows) / len(rows) for k in range(width)]
    return [r + [r[k] - means[k] for k in range(width)] for r in rows]


def _centered(matrix: Any, question_of: npt.NDArray[np.int64], sizes: npt.NDArray[np.float64]) -> Any:
    """A sparse option matrix minus the mean of its question's rows, kept sparse."""
    from scipy import sparse  # type: ignore[import-untyped]

    n_rows = matrix.shape[0]
    n_questions = len(sizes)
    to_question = sparse.csr_matrix(
        ((1.0 / sizes[question_of]), (question_of, range(n_rows))), shape=(n_questions, n_rows)
    )
    means = to_question @ matrix
    return (matrix - means[question_of]).tocsr()


def baseline_accuracy(questions: Sequence[Question]) -> float:
    """Cross-validated accuracy of the option-only model on `questions` (needs scikit-learn)."""
    return sum(baseline_credits(questions)) / len(questions) if questions else 0.0


def baseline_credits(questions: Sequence[Question]) -> list[float]:
    """Per question, the out-of-fold chance that the option-only model picks exactly its keys.

    The questions with credit 1 are the ones whose options give the key away: the ones to rewrite.
    """
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]
    from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]

    texts = [o.text for q in questions for o in q.options]
    labels = np.array([o.key in q.answer for q in questions for o in q.options], dtype=np.int64)
    question_of = np.array([i for i, q in enumerate(questions) for _ in q.options], dtype=np.int64)
    sizes = np.array([len(q.options) for q in questions], dtype=np.float64)
    dense = np.array([row for q in questions for row in _option_features([o.text for o in q.options])])
    folds = min(FOLDS, len(questions))
    credits = [1 / math.comb(len(q.options), q.select) for q in questions]  # a blind pick where no model fits
    if folds < 2 or labels.min() == labels.max():
        return credits
    # The word features are fitted once on every option text: the vocabulary and IDF never see a label, so the
    # held-out questions' keys stay unseen, and the five folds share one vectorization.
    try:
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        words = vectorizer.fit_transform(texts)
    except ValueError:  # no word occurs twice
        words = sparse.csr_matrix((len(texts), 0))
    text_features = sparse.hstack([words, _centered(words, question_of, sizes)]).tocsr()
    for train, test in GroupKFold(n_splits=folds).split(dense, labels, question_of):
        scaler = StandardScaler().fit(dense[train])
        features = sparse.hstack([text_features, sparse.csr_matrix(scaler.transform(dense))]).tocsr()
        if labels[train].min() == labels[train].max():
            continue
        model = LogisticRegression(C=1.0, max_iter=2000, solver="liblinear")
        model.fit(features[train], labels[train])
        scores = model.decision_function(features[test])
        by_question: dict[int, list[tuple[float, bool]]] = defaultdict(list)
        for row, score in zip(test, scores, strict=True):
            by_question[int(question_of[row])].append((float(score), bool(labels[row])))
        for qi, scored in by_question.items():
            credits[qi] = pick_credit(scored, questions[qi].select)
    return credits


def pick_credit(scored: Sequence[tuple[float, bool]], select: int) -> float:
    """The chance that the top `select` options by score are exactly the keys, ties broken at random.

    `scored` holds (score, is key) per option. Options tied at the cut-off are a blind pick among themselves, so
    a model that cannot tell the options apart scores chance, never the luck of the options' order.
    """
    ordered = sorted(scored, key=lambda s: -s[0])
    cut = ordered[select - 1][0]
    above = [key for score, key in ordered if score > cut + 1e-9]
    tied = [key for score, key in ordered if abs(score - cut) <= 1e-9]
    below = [key for score, key in ordered if score < cut - 1e-9]
    needed = select - len(above)
    if not all(above) or any(below) or sum(tied) != needed:
        return 0.0
    return 1 / math.comb(len(tied), needed)


def option_only_baseline(
    questions: Sequence[Question], group_of: Callable[[Question], str] = cue_group
) -> list[CueResult]:
    """The baseline per group, largest group first. Raises ImportError when scikit-learn is missing."""
    import sklearn  # type: ignore[import-untyped]  # noqa: F401  (fail early and clearly)

    groups: dict[str, list[Question]] = defaultdict(list)
    for q in questions:
        if q.type in CHOICE_TYPES:  # in ordering and matching items every option belongs to the answer
            groups[group_of(q)].append(q)
    results = [
        CueResult(name, len(qs), baseline_accuracy(qs), chance(qs), len(qs) >= MIN_QUESTIONS)
        for name, qs in groups.items()
    ]
    return sorted(results, key=lambda r: (-r.questions, r.group))


def cue_table(results: Sequence[CueResult]) -> str:
    lines = [f"{'group':<26}{'questions':>10}{'accuracy':>10}{'chance':>9}{'margin':>9}"]
    for r in results:
        note = "  FAILS" if r.fails else ("" if r.gated else "  (too few to judge)")
        lines.append(
            f"{r.group:<26}{r.questions:>10}{r.accuracy:>10.1%}{r.chance:>9.1%}{r.margin:>+8.1f}p{note}"
        )
    return "\n".join(lines)
