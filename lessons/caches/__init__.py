"""Teaching caches: real, tested implementations small enough to read in a lesson (an instrumented LRU,
a TTL memoizer with an injectable clock, compute-once, and the eviction-policy simulator)."""
