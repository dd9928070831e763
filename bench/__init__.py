"""Benchmarks of crm_followup (run with `make bench`, see bench/README.md)."""
