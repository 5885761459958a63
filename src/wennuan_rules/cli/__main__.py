"""``python -m wennuan_rules.cli``."""

import sys

from wennuan_rules.cli.main import main

if __name__ == "__main__":  # pragma: no cover - run as a program
    sys.exit(main())
