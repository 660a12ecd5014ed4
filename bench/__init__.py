"""khabar's benchmarks: ``python -m bench`` (or ``make bench``) writes bench/results/*.json and plots.

Speed is measured here, into files, never by timed tests: a shared CI machine makes timed asserts flaky.
"""
