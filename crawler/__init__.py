"""The crawl stage: the Scrapy project (spider, pipeline, middlewares), the pure extractors (extract/) and the
audit database's schema and writes (store.py), the contract every later stage reads. Knows nothing of checks
or reports."""
