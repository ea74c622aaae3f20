"""For authors: reading and writing notebooks (nbformat), the solution markers, and the generator that
turns solutions/ into learner notebooks."""
