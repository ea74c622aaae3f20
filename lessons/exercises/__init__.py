"""Exercises: ``core`` is the shared machinery, ``lNN`` the exercises of lesson NN."""
