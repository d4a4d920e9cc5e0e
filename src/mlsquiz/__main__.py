import sys

from mlsquiz.cli import main

sys.exit(main())
