"""`python -m thread_lab`: the same as the `thread-lab` command."""

import sys

from thread_lab.cli import main

if __name__ == "__main__":
    sys.exit(main())
