"""Mutation testing of the exercises' checks: ``operators`` derives mutants of a reference answer,
``subjects`` finds each exercise's reference and imports cell, ``runner`` judges each mutant in its own
process, ``records`` reads and writes the recorded equivalences and scores, ``report`` tells the result.
The command is ``python -m lessons.authoring.mutants``."""
