import sys

from lessons.grading.cli import main

sys.exit(main())
