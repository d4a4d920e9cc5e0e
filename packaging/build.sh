#!/usr/bin/env bash
# Builds a self-contained one-folder bundle in dist/mlsquiz/ with PyInstaller, from a separate virtualenv,
# then checks that the bundle finds its bank and answers from another folder.
set -euo pipefail
cd "$(dirname "$0")"
[ -x ../.venv-bundle/bin/python ] || python3 -m venv ../.venv-bundle
../.venv-bundle/bin/python -m pip install -q --disable-pip-version-check "..[bundle]"
../.venv-bundle/bin/pyinstaller --noconfirm --clean --distpath ../dist --workpath ../build/pyinstaller mlsquiz.spec
bundle="$(cd ../dist/mlsquiz && pwd)/mlsquiz"
elsewhere="$(mktemp -d)"
cd "$elsewhere" && "$bundle" --version && "$bundle" bank stats | head -2
