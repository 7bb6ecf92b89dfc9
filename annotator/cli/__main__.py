"""``python -m annotator.cli``: the same as the ``annotator`` command."""

import sys

from .main import main

sys.exit(main())
