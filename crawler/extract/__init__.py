"""Pure extraction: HTML or text in, dataclasses out (dates, meta tags, identity, breadcrumbs, lists, pagers,
encodings). No Scrapy here, so each function is tested on plain strings and on real saved pages."""
