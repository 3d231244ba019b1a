"""The checks stage: reads what the crawler stored in audit.db (facts.py), runs the catalogue of declared checks,
scores the findings and stores them; history (what changed since the last run) and baseline (accepted,
overdue) are its verdicts over runs. Never imports Scrapy, the reports or the command line."""
