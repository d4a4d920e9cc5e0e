"""Entry point for the PyInstaller bundle: the same `mlsquiz` command as the installed package."""

import sys

from mlsquiz.launch import main

if __name__ == "__main__":
    sys.exit(main())
