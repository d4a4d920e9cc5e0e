import sys

from mlsquiz.launch import main

sys.exit(main())
