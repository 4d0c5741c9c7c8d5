"""Benchmarks for checkov-pinpoint: what the checks and rules cost their hosts.

``python benchmarks/run.py`` generates a seeded corpus under ``benchmarks/out/``,
times checkov, cfn-lint, the engine and parliament side by side, and records the
figures in ``benchmarks/results/latest.json`` and ``docs/benchmarks.md``.
"""
