"""Loading and generating the whole shipped bank; baseline: parsing its YAML files alone."""

from __future__ import annotations

import yaml
from _common import report, timings

from mlsquiz.bank.bank import load_bank
from mlsquiz.bank.loader import shipped_root, yaml_files

files = list(yaml_files([shipped_root()]))
report(
    "baseline: yaml.CSafeLoader over the bank files",
    timings(lambda: [yaml.load(f.read_text(), Loader=yaml.CSafeLoader) for f in files], 20),
)
report("load_bank(): parse, validate, generate, check", timings(load_bank, 20))
bank = load_bank()
print(f"bank: {len(bank.questions)} questions, {len(bank.knowledge)} knowledge entries, {len(files)} files")
