"""The generator's templates by name. A template's name is written once, in its `@template("name")` line: the
ids of its questions (`gen.<name>.<parts>`) and their `template` field come from it.

    @template("service-for-use")
    def service_for_use(kb: Knowledge, t: Template) -> Iterator[Question]:
        qid = t.qid(entry.slug, short_hash(need))       # gen.service-for-use.<slug>.<hash>
        ...
        yield t.build(qid, stem, choices, explanation, entry, topics, 1)

A module of templates is registered when the generator imports it (`generator.TEMPLATE_MODULES`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from mlsquiz.bank.compose import Choice, build
from mlsquiz.bank.schema import KnowledgeEntry, Question
from mlsquiz.bank.templates.knowledge import Knowledge

Make = Callable[[Knowledge, "Template"], Iterator[Question]]


@dataclass(frozen=True)
class Template:
    """A registered template: call it with the knowledge base to get its questions."""

    name: str
    make: Make

    def __call__(self, kb: Knowledge) -> Iterator[Question]:
        return self.make(kb, self)

    def qid(self, *parts: str) -> str:
        """The id of one of this template's questions: `gen.<name>.<parts joined by dots>`."""
        return ".".join(("gen", self.name, *parts))

    def build(
        self,
        qid: str,
        stem: str,
        choices: Sequence[Choice],
        explanation: str,
        entry: KnowledgeEntry | None,
        topics: Sequence[str],
        difficulty: int,
        domains: dict[str, str] | None = None,
        versus: Sequence[KnowledgeEntry] = (),
    ) -> Question:
        """Shuffle the choices with the question's own seed and assemble the question (`compose.build`).

        A question that weighs the key against other entries (`versus`) cites the first reference of the key
        and of each of them, rather than every page about the key, some of which bear on other facts.
        """
        question = build(qid, self.name, stem, choices, explanation, entry, topics, difficulty, domains)
        if entry is not None and versus:
            refs = [r for e in (entry, *versus) for r in e.references[:1]]
            question = question.model_copy(update={"references": list(dict.fromkeys(refs))})
        return question


REGISTRY: dict[str, Template] = {}


def template(name: str) -> Callable[[Make], Template]:
    """Register the decorated function as the template `name` (lowercase words joined by hyphens)."""

    def register(make: Make) -> Template:
        if name in REGISTRY:
            raise ValueError(f"two templates are named {name!r}")
        if not name.replace("-", "").isalnum() or name != name.lower():
            raise ValueError(f"a template's name is lowercase words joined by hyphens, not {name!r}")
        REGISTRY[name] = Template(name, make)
        return REGISTRY[name]

    return register
