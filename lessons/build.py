"""``python -m lessons.build``: the generator's command (solutions/ -> notebooks/). The generator itself is
``lessons.authoring.generator``; this module only keeps the command short to type."""
import sys

from lessons.authoring.generator import main

if __name__ == "__main__":
    sys.exit(main())
