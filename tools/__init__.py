"""Developer tools shared by the e2e tests, the demo and the benchmarks (not shipped)."""
