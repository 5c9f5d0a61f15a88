"""Speed benchmarks (not timed tests): run `make bench` or one script at a time."""
