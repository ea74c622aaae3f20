"""Measuring and recording: counting calls, honest timing, fake clocks, seeded traces, the stampede
harness, key and memory inspection. What a lesson uses to *show* a claim rather than state it."""
