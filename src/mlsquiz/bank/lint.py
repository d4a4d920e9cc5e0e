"""Quality findings over the whole bank: the tells and slips that make a practice question worse than none.

Error-level findings make `mlsquiz bank lint` exit 1; warnings are shown but do not fail. Statistical checks
(answer positions, longest option) run per source and question type, since generated questions are shuffled by
the generator while hand-written ones carry their author's habits. The wording-cue checks (`cues.py`) ask
whether the options alone give the key away; they need the `lint` extra and are skipped with a note without it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

from mlsquiz.bank import cues
from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Question

Level = Literal["error", "warning"]
LONGEST_LIMIT = 0.35
POSITION_ALPHA = 0.01
NEAR_DUPLICATE = 0.6
OLD_NAMES = {
    "Kinesis Data Analytics": "Amazon Managed Service for Apache Flink",
    "Kinesis Data Firehose": "Amazon Data Firehose",
    "Elasticsearch Service": "Amazon OpenSearch Service",
}
ABOVE = re.compile(r"\b(all|none|both|neither) of the (above|options|answers)\b", re.I)
COUNT_WORDS = {2: "TWO", 3: "THREE", 4: "FOUR"}


@dataclass(frozen=True)
class Finding:
    level: Level
    check: str
    message: str
    question: str | None = None


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)
    cue_results: list[cues.CueResult] = field(default_factory=list)
    tell_rates: list[cues.TellRate] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # checks that could not run, and why

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]

    def as_json(self) -> dict[str, object]:
        return {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [asdict(f) for f in self.findings],
            "summary": self.summary,
            "wording_cues": [r.as_json() for r in self.cue_results],
            "scenario_tells": [t.as_json() for t in self.tell_rates],
            "skipped": self.skipped,
        }

    def as_text(self) -> str:
        lines = [
            f"{f.level}: {f.check}: " + (f"{f.question}: " if f.question else "") + f.message
            for f in self.findings
        ]
        for name, value in self.summary.items():
            lines.append(f"{name}: {value}")
        if self.tell_rates:
            lines.append("scenario tells (share of options that carry them):")
            lines += [
                f"  {t.tell}: keys {t.keys_with}/{t.keys} = {t.key_rate:.1%}, "
                f"distractors {t.distractors_with}/{t.distractors} = {t.distractor_rate:.1%}"
                for t in self.tell_rates
            ]
        if self.cue_results:
            lines.append(
                f"option-only baseline (accuracy from the options alone; fails above chance + "
                f"{cues.MARGIN_LIMIT:.0f} points with {cues.MIN_QUESTIONS}+ questions):"
            )
            lines += ["  " + line for line in cues.cue_table(self.cue_results).splitlines()]
        lines += [f"skipped: {note}" for note in self.skipped]
        lines.append(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)


def chi2_sf(x: float, df: int) -> float:
    """Survival function of the chi-square distribution for integer degrees of freedom (closed forms)."""
    if x <= 0:
        return 1.0
    half = x / 2
    if df % 2 == 0:
        return math.exp(-half) * sum(half**i / math.factorial(i) for i in range(df // 2))
    total = math.erfc(math.sqrt(half))
    for i in range(1, (df - 1) // 2 + 1):
        total += math.exp(-half) * half ** (i - 0.5) / math.gamma(i + 0.5)
    return total


def position_balance(questions: list[Question]) -> tuple[dict[str, int], float] | None:
    """Counts of correct keys and the chi-square p-value against a uniform spread over the option slots."""
    if len(questions) < 20:
        return None
    n_options = len(questions[0].options)
    counts: Counter[str] = Counter(str(k) for q in questions for k in q.answer)
    keys = "ABCDEF"[:n_options]
    observed = [counts.get(k, 0) for k in keys]
    expected = sum(observed) / n_options
    stat = sum((o - expected) ** 2 / expected for o in observed)
    return dict(zip(keys, observed, strict=True)), chi2_sf(stat, n_options - 1)


def longest_rate(questions: Iterable[Question]) -> tuple[int, int]:
    """How many single-answer questions have a correct option strictly longer than every other option."""
    hits = total = 0
    for q in questions:
        if q.type != "single":
            continue
        total += 1
        right = next(o for o in q.options if o.key in q.answer)
        if all(len(right.text) > len(o.text) for o in q.options if o is not right):
            hits += 1
    return hits, total


def _tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))}


def _near_duplicates(hand: list[Question]) -> Iterator[tuple[Question, Question, float]]:
    """Every pair of `hand` (in its order) whose stems share NEAR_DUPLICATE or more of their word triples.

    Only pairs sharing one of each stem's rarest triples are compared (prefix filtering): stems that similar
    share at least floor(NEAR_DUPLICATE * n) of a stem's n triples, so they share one of its rarest
    n - floor(NEAR_DUPLICATE * n) + 1, and the result is the same as comparing every pair.
    """
    shingles = {q.id: _tokens(q.stem) for q in hand}
    sets = [shingles[q.id] for q in hand]
    frequency = Counter(t for s in sets for t in s)
    holders: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, tokens in enumerate(sets):
        rarest = sorted(tokens, key=lambda t: (frequency[t], t))
        for token in rarest[: len(tokens) - math.floor(NEAR_DUPLICATE * len(tokens)) + 1]:
            pairs.update((j, i) for j in holders[token])
            holders[token].append(i)
    for i, j in sorted(pairs):
        sa, sb = sets[i], sets[j]
        overlap = len(sa & sb) / max(len(sa | sb), 1)
        if overlap >= NEAR_DUPLICATE:
            yield hand[i], hand[j], overlap


def lint_bank(bank: Bank, *, wording_cues: bool = True) -> LintReport:
    """Every finding over `bank`; `wording_cues=False` leaves out the option-only baseline (the slow part)."""
    report = LintReport()
    add = report.findings.append
    by_source: dict[str, list[Question]] = defaultdict(list)
    for q in bank.questions:
        by_source[q.source].append(q)
        _lint_question(q, bank, add)

    summary: dict[str, object] = {}
    for source, questions in sorted(by_source.items()):
        groups: dict[tuple[str, int], list[Question]] = defaultdict(list)
        for q in questions:
            # ordering keys every step and matching keys by prompt: no option position to bias
            if not q.sequenced:
                groups[(q.type, len(q.options))].append(q)
        for (qtype, n_options), group in sorted(groups.items()):
            result = position_balance(group)
            if result is None:
                continue
            counts, p = result
            summary[f"positions {source} {qtype} ({n_options} options)"] = f"{counts}, chi-square p = {p:.3f}"
            if p < POSITION_ALPHA:
                add(
                    Finding(
                        "error",
                        "answer-positions",
                        f"{source} {qtype} questions with {n_options} options: correct keys {counts} are "
                        f"unbalanced (chi-square p = {p:.4f} < {POSITION_ALPHA})",
                    )
                )
        hits, total = longest_rate(questions)
        if total:
            rate = hits / total
            summary[f"correct option longest ({source})"] = f"{hits}/{total} = {rate:.0%}"
            if rate > LONGEST_LIMIT:
                add(
                    Finding(
                        "error",
                        "longest-option",
                        f"{source}: the correct option is strictly the longest in {rate:.0%} of single-answer "
                        f"questions (limit {LONGEST_LIMIT:.0%})",
                    )
                )

    for a, b, overlap in _near_duplicates([q for q in bank.questions if q.source != "generated"]):
        add(Finding("error", "near-duplicate", f"stem is {overlap:.0%} like {b.id}'s", a.id))
    report.summary = summary
    _lint_tells([q for q in bank.questions if q.source == "scenario" and q.type in cues.CHOICE_TYPES], report)
    if wording_cues:
        _lint_wording_cues(bank, report)
    return report


def _lint_tells(scenarios: list[Question], report: LintReport) -> None:
    """Justification tails and absolutes that mark distractors: per question a warning, overall an error."""
    if not scenarios:
        return
    add = report.findings.append
    for q in scenarios:
        for tell, carriers in cues.distractor_only_tells(q):
            add(
                Finding(
                    "warning",
                    "scenario-tells",
                    f"only distractors {', '.join(carriers)} carry {tell}s",
                    q.id,
                )
            )
    report.tell_rates = cues.tell_rates(scenarios)
    for t in report.tell_rates:
        if t.fails:
            add(
                Finding(
                    "error",
                    "scenario-tells",
                    f"{t.tell}s are in {t.distractor_rate:.1%} of distractors but {t.key_rate:.1%} of keys "
                    f"(limit {cues.TELL_RATIO_LIMIT}x the key rate): it points away from the key",
                )
            )


def _lint_wording_cues(bank: Bank, report: LintReport) -> None:
    try:
        report.cue_results = cues.option_only_baseline(bank.questions)
    except ImportError:
        report.skipped.append(
            f"wording-cue check (option-only baseline) needs scikit-learn: {cues.INSTALL_HINT}"
        )
        return
    for r in report.cue_results:
        if r.fails:
            report.findings.append(
                Finding(
                    "error",
                    "wording-cues",
                    f"{r.group}: a model that reads only the options finds the key in {r.accuracy:.1%} of "
                    f"{r.questions} questions, {r.margin:.1f} points above chance ({r.chance:.1%}; limit "
                    f"{cues.MARGIN_LIMIT:.0f})",
                )
            )


def _lint_question(q: Question, bank: Bank, add: object) -> None:
    assert callable(add)
    stem = q.stem.lower()
    for option in q.correct_options:
        text = option.text.strip().rstrip(".").lower()
        if len(text) >= 4 and text in stem:
            add(
                Finding("error", "answer-in-stem", f"the stem contains the correct option {option.key}", q.id)
            )
    for option in q.options:
        if ABOVE.search(option.text):
            add(Finding("error", "all-none-of-the-above", f"option {option.key} is '{option.text}'", q.id))
        if len(option.explanation.strip()) < 15:
            add(Finding("error", "option-explanation", f"option {option.key} has no real explanation", q.id))
    if q.select != len(q.answer):
        add(Finding("error", "select", f"select is {q.select} but {len(q.answer)} answers are keyed", q.id))
    if q.type == "multiple" and f"select {COUNT_WORDS.get(q.select, q.select)}".lower() not in stem:
        add(
            Finding(
                "error", "select", f"a multiple-response stem must say 'Select {COUNT_WORDS[q.select]}'", q.id
            )
        )
    for topic in q.topics:
        if topic not in bank.knowledge:
            add(Finding("error", "unknown-topic", f"topic '{topic}' is not a knowledge entry", q.id))
    texts = [q.stem, q.explanation, *(o.text for o in q.options), *(o.explanation for o in q.options)]
    for old, new in OLD_NAMES.items():
        if any(old.lower() in t.lower() for t in texts) and not any(new.lower() in t.lower() for t in texts):
            add(Finding("warning", "old-name", f"'{old}' is now {new}; name the current service", q.id))
