"""For authors: reading and writing notebooks (nbformat), the solution markers, the generator that
turns solutions/ into learner notebooks, and the mutation tool that tests the exercises' checks."""
