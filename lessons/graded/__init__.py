"""Graded tests, with points, one module per lesson: ``TESTS = {"q1": [Graded(...), ...], ...}``.

They are kept out of the notebooks and out of the self-checks: a grader runs them on a submission
(``Exercise.grade``), and ``tests/test_exercises.py`` proves every reference solution earns full marks,
every stub earns none, and the known-wrong answers lose points.
"""
