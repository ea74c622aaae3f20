"""Measuring and recording: counting calls, honest timing, fake clocks, seeded traces, the stampede
harness, key and memory inspection, process pools pinned to their workers, a throwaway Redis server.
What a lesson uses to *show* a claim rather than state it."""
