"""Importing the user's own questions: each format's features, each skip reason, each rejection, the report."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.importers import FileResult, read_bytes_as
from mlsquiz.bank.importers.building import (
    IMPORTED_TOPIC,
    NO_EXPLANATION,
    RIGHT_OPTION,
    WRONG_OPTION,
    question_id,
)
from mlsquiz.bank.importers.common import MAX_QUESTIONS
from mlsquiz.bank.user_bank import (
    apply_import,
    blueprint_tasks,
    delete_questions,
    document_path,
    folder,
    load_user_bank,
    plan_import,
    with_user_bank,
)
from mlsquiz.cli import main

GIFT = """\
// a comment line, ignored
$CATEGORY: $course$/AWS/SageMaker Training

::Spot::[markdown]Which feature lowers **training** cost? {
  =Managed Spot Training#Spare capacity at a discount.
  ~Provisioned throughput#Not a training feature.
  ~Inference components
  ~Elastic Inference
  ####Managed Spot Training runs on Spot capacity.
}

// domain: mla-c01:1.1
::Two::Which two are storage services? {
  ~%50%Amazon S3
  ~%50%Amazon EFS
  ~%-50%Amazon SQS
  ~%-50%Amazon SNS
  ~%-50%AWS Lambda
}
"""


def read(text: str, fmt: str, bank: Bank, name: str = "mine") -> FileResult:
    return read_bytes_as(text.encode(), f"{name}.{fmt}", fmt, blueprint_tasks(bank))  # type: ignore[arg-type]


def one_error(result: FileResult) -> tuple[int | None, str]:
    assert not result.questions, "a file with an error yields no question"
    assert result.errors, "expected an error"
    return result.errors[0].line, result.errors[0].message


# -- GIFT -----------------------------------------------------------------------------------------------------
def test_gift_choice_weights_feedback_and_category(shipped_bank: Bank) -> None:
    result = read(GIFT, "gift", shipped_bank)
    assert not result.errors and not result.skipped
    spot, two = result.questions
    assert result.titles[spot.id] == "Spot" and result.lines[spot.id] == 4
    assert spot.type == "single" and spot.answer == ["A"] and spot.source == "imported"
    assert spot.stem == "Which feature lowers **training** cost?"
    assert spot.options[0].explanation == "Spare capacity at a discount."
    assert spot.options[1].explanation == "Not a training feature."
    assert spot.explanation == "Managed Spot Training runs on Spot capacity."
    assert spot.topics == ["sagemaker-training"]  # the category's last part
    assert spot.domains == {}
    assert two.type == "multiple" and two.select == 2 and two.answer == ["A", "B"]
    assert two.domains == {"mla-c01": "1.1"}
    assert two.explanation == NO_EXPLANATION


def test_gift_escapes_comments_and_formats(shipped_bank: Bank) -> None:
    text = (
        "// comment\n::Esc\\:aped::[plain]Pick \\{one\\} a\\=b or c\\~d \\# *not bold* {\n"
        "=x \\= y\n~p \\~ q\n~r \\# s\n~t \\{u\\}\n}\n\n"
        "::Html::[html]<p>Which <b>one</b>?<img src='http://example.com/x.png' alt='a chart'>"
        "<a href='http://example.com'>link</a><script>alert(1)</script></p>{=<i>yes</i> ~no ~maybe ~never}\n"
    )
    result = read(text, "gift", shipped_bank)
    assert not result.errors
    plain, html = result.questions
    assert result.titles[plain.id] == "Esc:aped"
    assert plain.stem == "Pick {one} a=b or c~d \\# \\*not bold\\*"  # [plain]: shown as written
    assert [o.text for o in plain.options] == ["x = y", "p ~ q", "r \\# s", "t {u}"]
    assert "<" not in html.stem and "http" not in html.stem and "alert" not in html.stem
    assert "Which one?" in html.stem and "a chart" in html.stem and "link" in html.stem
    assert html.options[0].text == "yes"


def test_gift_missing_word_and_matching(shipped_bank: Bank) -> None:
    text = (
        "Amazon {=S3 ~SQS ~SNS ~SES} stores objects.\n\n"
        "::Match::Match each service to its use. {\n =Objects -> Amazon S3\n =Queues -> Amazon SQS\n"
        " =Notifications -> Amazon SNS\n = -> Amazon SES\n}\n"
    )
    result = read(text, "gift", shipped_bank)
    assert not result.errors
    blank, match = result.questions
    assert (
        blank.stem == "Amazon \\_\\_\\_\\_\\_ stores objects."
    )  # Markdown for "Amazon _____ stores objects."
    assert match.type == "matching" and [p.text for p in match.prompts] == [
        "Objects",
        "Queues",
        "Notifications",
    ]
    by_key = {o.key: o.text for o in match.options}
    assert [by_key[k] for k in match.answer] == ["Amazon S3", "Amazon SQS", "Amazon SNS"]
    assert "Amazon SES" in by_key.values()


@pytest.mark.parametrize(
    ("block", "reason"),
    [
        ("::TF::Grass is green. {T}", "true/false"),
        ("::TF2::Grass is red. {FALSE#It is green.}", "true/false"),
        ("::Short::Two plus two? {=four =4}", "short answer"),
        ("::Num::Pi? {#3.14:0.01}", "numerical"),
        ("::Essay::Write about S3. {}", "essay"),
        ("::Desc::Just some text, no answers.", "description"),
        ("::Pairs::Match. {=a -> b =c -> d}", "matching item has 3-7 prompts"),
        ("::Three::Pick. {=a ~b ~c}", "single-answer question needs 4-6"),
        ("::Many::Pick. {=a ~b ~c ~d ~e ~f ~g}", "mlsquiz asks questions with 4-6 options"),
        ("::Multi::Pick. {~%50%a ~%50%b ~c ~d}", "multiple-answer question needs 5-6"),
    ],
)
def test_gift_skips_what_mlsquiz_cannot_ask(shipped_bank: Bank, block: str, reason: str) -> None:
    text = f"::Ok::Fine? {{=a ~b ~c ~d}}\n\n// a comment\n{block}\n"
    result = read(text, "gift", shipped_bank)
    assert not result.errors and len(result.questions) == 1
    (skip,) = result.skipped
    assert skip.line == 4 and reason in skip.reason and skip.title == block[2 : block.index("::", 2)]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("::A::Ok? {=a ~b ~c ~d}\n\n::B::Open? {\n=a\n~b\n~c\n~d\n", 3, "unclosed '{'"),
        ("::A::Ok? {=a ~b ~c ~d}\n\n::B::No right? {\n~a\n~b\n~c\n~d\n}\n", 3, "no right answer"),
        ("::A::Dup? {=a ~b ~b ~d}\n", 1, "duplicate option"),
        ("::A::Close } early {=a ~b ~c ~d}\n", 1, "without its '{'"),
        (
            "::A::Ok? {=a ~b ~c ~d}\n\n// domain: mla-c01:9.9\n::B::x {=a ~b ~c ~d}\n",
            4,
            "not a task statement",
        ),
        ("::A::" + "x" * 10_001 + " {=a ~b ~c ~d}\n", 1, "over 10,000 characters"),
    ],
)
def test_gift_errors_name_the_line(shipped_bank: Bank, text: str, line: int, message: str) -> None:
    got_line, got = one_error(read(text, "gift", shipped_bank))
    assert got_line == line and message in got


def test_undecodable_byte_names_its_line(shipped_bank: Bank) -> None:
    raw = b"::A::Ok? {=a ~b ~c ~d}\n\n::B::Caf\xe9? {=a ~b ~c ~d}\n"
    result = read_bytes_as(raw, "x.gift", "gift", blueprint_tasks(shipped_bank))
    assert one_error(result)[0] == 3 and "not UTF-8" in result.errors[0].message


# -- CSV ------------------------------------------------------------------------------------------------------
CSV_ROWS = [
    ["question", "A", "B", "C", "D", "E", "F", "answer", "explanation", "topic", "domain", "explanation_A"],
    ["Which service stores objects?\n\nPick one.", "Amazon S3", "Amazon SQS", "Amazon SNS", "Amazon SES", "", "",
     "B", "S3 is object storage.", "storage; s3", "mls-c01:1.1", "Queues only"],
    ["Which two are queues or topics?", "S3", "SQS", "SNS", "EFS", "EBS", "", "B;C", "", "", "", ""],
]  # fmt: skip


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_rows(shipped_bank: Bank, bom: bytes, delimiter: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(CSV_ROWS)
    result = read_bytes_as(bom + buffer.getvalue().encode(), "c.csv", "csv", blueprint_tasks(shipped_bank))
    assert not result.errors, result.errors
    first, second = result.questions
    assert first.stem == "Which service stores objects?\n\nPick one." and first.answer == ["B"]
    assert first.options[0].explanation == "Queues only" and first.explanation == "S3 is object storage."
    assert first.options[1].explanation == RIGHT_OPTION and first.options[2].explanation == WRONG_OPTION
    assert first.topics == ["storage", "s3"] and first.domains == {"mls-c01": "1.1"}
    assert result.lines[first.id] == 2 and result.lines[second.id] == 5
    assert second.type == "multiple" and second.answer == ["B", "C"] and second.topics == [IMPORTED_TOPIC]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("question,A,B,C,D,answer,colour\nq,a,b,c,d,A,red\n", 1, "unknown column 'colour'"),
        ("question,A,B,C,D,answer\nq,a,b,c,d,A\nq2,a,b,c,d,\n", 3, "no right answer"),
        ("question,A,B,C,D,answer\nq,a,b,c,d,E\n", 2, "not a given option"),
        ("question,A,B,C,D,answer\nq,a,,c,d,A\n", 2, "option B is empty"),
        ("question,A,B,C,D,answer\nq,a,b,b,d,A\n", 2, "duplicate option"),
        ("question,A,B,C,D,answer\nq,a,b,c,d,A\nq2," + "x" * 10_001 + ",b,c,d,A\n", 3, "over 10,000"),
        ('question,A,B,C,D,answer\nq,a,b,c,d,A\n"q2,a,b,c,d,A\n', 3, "CSV"),
        ("question,A,B,C,D,answer,domain\nq,a,b,c,d,A,xyz:1.1\n", 2, "unknown blueprint"),
    ],
)
def test_csv_errors_name_the_line(shipped_bank: Bank, text: str, line: int, message: str) -> None:
    got_line, got = one_error(read(text, "csv", shipped_bank))
    assert got_line == line and message in got


# -- Markdown -------------------------------------------------------------------------------------------------
MD = """\
# My notes

Some intro text that is not a question.

### Spot capacity

Which feature lowers training cost?

It uses spare capacity.

- [x] Managed Spot Training
  > It runs on Spot capacity.
- [ ] Provisioned throughput
- [ ] Inference components
- [ ] Elastic Inference

> Topic: SageMaker
> Explanation: Spot Instances cost less.
> They can be interrupted.

### Two services (Select TWO.)

Which are storage services? (Choose two.)

```
### not a heading inside a fence
- [x] not an option
```

- [x] Amazon S3
- [x] Amazon EFS
- [ ] Amazon SQS
- [ ] Amazon SNS
- [ ] AWS Lambda
"""


def test_markdown_task_lists(shipped_bank: Bank) -> None:
    result = read(MD, "markdown", shipped_bank)
    assert not result.errors, result.errors
    spot, two = result.questions
    assert result.titles[spot.id] == "Spot capacity" and result.lines[spot.id] == 5
    assert spot.stem == "Which feature lowers training cost?\n\nIt uses spare capacity."
    assert spot.answer == ["A"] and spot.options[0].explanation == "It runs on Spot capacity."
    assert spot.explanation == "Spot Instances cost less.\nThey can be interrupted."
    assert spot.topics == ["sagemaker"]
    assert two.select == 2 and two.answer == ["A", "B"] and "```" in two.stem
    assert "- [x] not an option" in two.stem


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("### Q\nPick one.\n- [ ] a\n- [ ] b\n- [ ] c\n- [ ] d\n", 1, "no right answer"),
        ("### Q\nPick (Choose two.)\n- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n- [ ] e\n", 1, "says choose 2"),
        ("### Q\nPick.\n- [x] a\n- [ ] a\n- [ ] c\n- [ ] d\n", 1, "duplicate option"),
        ("### Q\nPick.\n- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n\nStray text\n", 8, "text after the options"),
        ("### Q\nJust text, no list.\n", 1, "no task list"),
        ("### Q\nPick.\n- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n> Domain: mls-c01:7.7\n", 7, "not a task"),
    ],
)
def test_markdown_errors_name_the_line(shipped_bank: Bank, text: str, line: int, message: str) -> None:
    got_line, got = one_error(
        read("### Ok\nFine?\n- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n\n" + text, "markdown", shipped_bank)
    )
    assert got_line == line + 7 and message in got


# -- limits, ids, writing and the report ----------------------------------------------------------------------
def test_too_many_questions_and_too_big_a_file(shipped_bank: Bank, tmp_path: Path, data_dir: Path) -> None:
    rows = "".join(f"q{i},a,b,c,d,A\n" for i in range(MAX_QUESTIONS + 1))
    result = read("question,A,B,C,D,answer\n" + rows, "csv", shipped_bank)
    assert "more than 20,000 questions" in one_error(result)[1]
    big = tmp_path / "big.gift"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    report = plan_import([big], data_dir, shipped_bank)
    assert "over 20 MB" in report.errors[0]["message"]  # type: ignore[operator]


def test_ids_are_stable_and_reimport_updates(shipped_bank: Bank, tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "notes.gift"
    path.write_text(GIFT, encoding="utf-8")
    first = apply_import(plan_import([path], data_dir, shipped_bank), data_dir)
    assert (first.imported, first.updated) == (2, 0)
    again = apply_import(plan_import([path], data_dir, shipped_bank), data_dir)
    assert (again.imported, again.updated) == (0, 2)
    user = load_user_bank(data_dir)
    assert len(user.questions) == 2
    assert user.questions[0].question.id == question_id("notes.gift", "Spot", "")
    assert user.questions[0].title == "Spot" and user.questions[0].file == "notes.gift"
    other = tmp_path / "other.gift"
    other.write_text(GIFT, encoding="utf-8")
    apply_import(plan_import([other], data_dir, shipped_bank), data_dir)
    assert len(load_user_bank(data_dir).questions) == 4  # another file's questions are its own


def test_a_bad_file_writes_nothing(shipped_bank: Bank, tmp_path: Path, data_dir: Path) -> None:
    good = tmp_path / "notes.gift"
    good.write_text(GIFT, encoding="utf-8")
    apply_import(plan_import([good], data_dir, shipped_bank), data_dir)
    before = document_path(data_dir, "notes.gift").read_bytes()
    good.write_text(GIFT + "\n::Bad::Unclosed {=a ~b ~c ~d\n", encoding="utf-8")
    report = apply_import(plan_import([good], data_dir, shipped_bank), data_dir)
    assert report.errors and report.errors[0]["line"] == 21
    assert document_path(data_dir, "notes.gift").read_bytes() == before
    assert sorted(p.name for p in folder(data_dir).iterdir()) == [document_path(data_dir, "notes.gift").name]


def test_cli_import_report_dry_run_and_exit_codes(
    shipped_bank: Bank, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.gift"
    path.write_text(GIFT + "\n::TF::True? {T}\n", encoding="utf-8")
    args = ["bank", "import", str(path), "--data-dir", str(data_dir), "--json"]
    assert main([*args, "--dry-run"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry == {
        "imported": 2,
        "updated": 0,
        "skipped": [
            {"file": str(path), "line": 21, "title": "TF", "reason": "true/false: mlsquiz cannot ask it"}
        ],
        "errors": [],
    }
    assert not data_dir.exists() or not folder(data_dir).exists()
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 2
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["updated"] == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("question,A,B,C,D,answer\nq,a,b,c,d,Z\n", encoding="utf-8")
    assert main(["bank", "import", str(bad), "--data-dir", str(data_dir), "--json"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["errors"] == [{"file": str(bad), "line": 2, "message": "answer 'Z' is not a given option"}]
    assert f"{bad}:2: answer 'Z'" in captured.err and "Traceback" not in captured.err
    assert not document_path(data_dir, "bad.csv").exists()
    assert main(["bank", "import", str(tmp_path / "x.docx"), "--data-dir", str(data_dir)]) == 1
    assert "unknown format" in capsys.readouterr().err
    assert main(["bank", "import", str(bad), "--format", "gift", "--data-dir", str(data_dir)]) == 0
    assert "skipped: question,A,B,C,D,answer" in capsys.readouterr().out  # read as GIFT: a description


def test_every_bank_command_sees_the_users_bank(
    shipped_bank: Bank, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.gift"
    path.write_text(GIFT, encoding="utf-8")
    assert main(["bank", "import", str(path), "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    assert main(["bank", "stats", "--json", "--data-dir", str(data_dir)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["by_source"]["imported"] == 2 and stats["total"] == len(shipped_bank.questions) + 2
    assert (
        main(["bank", "export", "--format", "json", "--source", "imported", "--data-dir", str(data_dir)]) == 0
    )
    exported = json.loads(capsys.readouterr().out)["questions"]
    assert {q["source"] for q in exported} == {"imported"} and len(exported) == 2
    out = tmp_path / "mine.md"
    args = ["bank", "export", "--format", "markdown", "--source", "imported", "-o", str(out)]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    assert out.read_text(encoding="utf-8").count("\n### ") == 2


def test_mock_exams_take_imported_questions_only_with_a_task_statement(
    shipped_bank: Bank, tmp_path: Path, data_dir: Path
) -> None:
    from mlsquiz.exam.assembly import assemble
    from mlsquiz.study.drills import DrillFilter, choose

    path = tmp_path / "notes.gift"
    path.write_text(GIFT, encoding="utf-8")
    apply_import(plan_import([path], data_dir, shipped_bank), data_dir)
    bank = with_user_bank(shipped_bank, data_dir)
    spot, two = (q for q in bank.questions if q.source == "imported")
    seen_ids: set[str] = set()
    for seed in range(30):
        for bp in bank.blueprints.values():
            seen_ids |= {i.id for i in assemble(bank, bp, seed=seed).items}
    assert spot.id not in seen_ids  # no task statement: never in a mock exam
    drilled = choose(bank, DrillFilter(blueprint="mls-c01", sources=["imported"]), seed=1, seen=set(), wrong=set(),
                     last_seen={})  # fmt: skip
    assert {q.id for q in drilled} == {spot.id}  # `two` carries an MLA-C01 task only
    drilled = choose(bank, DrillFilter(blueprint="mla-c01", topics=["sagemaker-training"]), seed=1, seen=set(),
                     wrong=set(), last_seen={})  # fmt: skip
    assert {q.id for q in drilled} == {spot.id, two.id}
    drilled = choose(bank, DrillFilter(blueprint="mla-c01", domains=["1"], sources=["imported"]), seed=1,
                     seen=set(), wrong=set(), last_seen={})  # fmt: skip
    assert {q.id for q in drilled} == {two.id}


def test_delete_and_damaged_documents(shipped_bank: Bank, tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "notes.gift"
    path.write_text(GIFT, encoding="utf-8")
    apply_import(plan_import([path], data_dir, shipped_bank), data_dir)
    (folder(data_dir) / "broken.json").write_text("{not json", encoding="utf-8")
    user = load_user_bank(data_dir)
    assert len(user.questions) == 2 and user.problems and "broken.json" in user.problems[0]
    assert delete_questions(data_dir, [user.questions[0].question.id]) == 1
    assert [q.title for q in load_user_bank(data_dir).questions] == ["Two"]
    assert delete_questions(data_dir, [q.question.id for q in load_user_bank(data_dir).questions]) == 1
    assert not document_path(data_dir, "notes.gift").exists()


def test_many_errors_are_listed_up_to_a_hundred(shipped_bank: Bank) -> None:
    result = read("### q\nx\n- [ ] a\n\n" * 150, "markdown", shipped_bank)
    assert len(result.errors) == 101 and not result.questions
    assert [e.line for e in result.errors[:2]] == [1, 5]
    assert result.errors[-1].message == "... and 50 more errors"


def test_the_documented_examples_import_as_described(shipped_bank: Bank) -> None:
    text = (Path(__file__).parents[1] / "docs" / "import-formats.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\n(.*?)^```$", text, re.S | re.M)
    kinds = {"gift": blocks[0], "csv": blocks[1], "markdown": blocks[2]}
    for fmt, block in kinds.items():
        result = read(block, fmt, shipped_bank)
        assert not result.errors and not result.skipped and len(result.questions) == 2, fmt
        assert [q.select for q in result.questions] == [1, 2], fmt


def test_csv_and_markdown_skip_what_mlsquiz_cannot_ask(shipped_bank: Bank) -> None:
    csv_result = read("question,A,B,C,answer,title\nPick.,a,b,c,A,Three\n", "csv", shipped_bank)
    assert [(s.line, s.title) for s in csv_result.skipped] == [(2, "Three")] and not csv_result.errors
    assert "single-answer question needs 4-6" in csv_result.skipped[0].reason
    md = "### Two right of four\nPick. (Choose two.)\n- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n"
    md_result = read(md, "markdown", shipped_bank)
    assert [(s.line, s.title) for s in md_result.skipped] == [(1, "Two right of four")]
    assert "multiple-answer question needs 5-6" in md_result.skipped[0].reason


def test_export_edit_and_import_again_updates_the_same_questions(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "notes.gift"
    source.write_text(GIFT, encoding="utf-8")
    assert main(["bank", "import", str(source), "--data-dir", str(data_dir)]) == 0
    ids = {q.question.id for q in load_user_bank(data_dir).questions}
    exports = {}
    for fmt in ("gift", "csv", "markdown"):
        out = tmp_path / "exported" / fmt / "notes.gift"
        out.parent.mkdir(parents=True)
        args = ["bank", "export", "--format", fmt, "--source", "imported", "-o", str(out)]
        assert main([*args, "--data-dir", str(data_dir)]) == 0
        exports[fmt] = out.read_text(encoding="utf-8")
    assert (
        "::Spot::" in exports["gift"] and "\nSpot," in exports["csv"] and "### Spot\n" in exports["markdown"]
    )
    edited = tmp_path / "exported" / "gift" / "notes.gift"  # the same file name as the first import
    edited.write_text(
        exports["gift"].replace("Which two are storage", "Which TWO are storage"), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["bank", "import", str(edited), "--data-dir", str(data_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["imported"], report["updated"]) == (0, 2)
    stored = {q.question.id: q.question for q in load_user_bank(data_dir).questions}
    assert set(stored) == ids
    assert any(q.stem == "Which TWO are storage services?" for q in stored.values())


def test_imported_questions_are_drilled_reviewed_and_counted(
    shipped_bank: Bank, tmp_path: Path, data_dir: Path
) -> None:
    from mlsquiz.store.facade import Store
    from mlsquiz.study.drills import DrillFilter

    path = tmp_path / "notes.gift"
    path.write_text(GIFT, encoding="utf-8")
    apply_import(plan_import([path], data_dir, shipped_bank), data_dir)
    bank = with_user_bank(shipped_bank, data_dir)
    spot = next(q for q in bank.questions if q.source == "imported" and not q.domains)
    with Store.open(data_dir, bank) as store:
        view = store.start_drill(DrillFilter(sources=["imported"], length=5), seed=3)
        assert [i.question_id for i in view.items] == [spot.id]  # the other is tagged for MLA-C01 only
        store.answer(view.status.id, 1, ["B"])  # wrong: A is right
        store.check(view.status.id, 1)
        result = store.submit(view.status.id)
        assert (result.correct, result.total) == (0, 1)
        assert store.due_count() == 1
        review = store.start_review()
        assert [i.question_id for i in review.items] == [spot.id]
        assert store.history()[-1].as_json()["questions"] == 1


def test_a_markdown_question_written_in_its_heading(shipped_bank: Bank) -> None:
    md = "### Which two are storage services? (Select TWO.)\n- [x] S3\n- [x] EFS\n- [ ] SQS\n- [ ] SNS\n- [ ] SES\n"
    (q,) = read(md, "markdown", shipped_bank).questions
    assert q.stem == "Which two are storage services? (Select TWO.)" and q.select == 2


def test_the_command_line_names_the_importers_formats() -> None:
    from mlsquiz import cli_import
    from mlsquiz.bank import importers

    assert tuple(cli_import.FORMATS) == tuple(importers.FORMATS)
