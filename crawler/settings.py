"""Scrapy settings of the govaudit crawler: polite by default.

Project settings carry the ``GOVAUDIT_`` prefix. The CLI overrides some of them per audit
(loopback sites are crawled without throttling; limits come from the command line).
"""

from importlib.metadata import version

BOT_NAME = "govaudit"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Identify ourselves and obey the site's rules.
USER_AGENT = f"govaudit/{version('govaudit')} (+https://github.com/govaudit/govaudit; 政府网站合规审计爬虫)"
ROBOTSTXT_OBEY = True

# Throttle per host: government servers are small.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50 %
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Items are stored synchronously (crawler.pipelines): processing a page's output with Scrapy's default of 100
# concurrent items only starts 100 asyncio workers per response (a tenth of the reactor's time on a fast site).
CONCURRENT_ITEMS = 8

# Bad servers: hangs, loops, floods. A failure is stored as data, not retried for ever.
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 1
REDIRECT_MAX_TIMES = 5
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
HTTPERROR_ALLOW_ALL = True  # 404/503/… reach the spider, which stores them
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

# Audit order: requests carry priorities (crawler.priority); within one priority, first come first served, so
# what is left after the classes that decide the verdict is fetched breadth-first.
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"

ITEM_PIPELINES = {"crawler.pipelines.SQLitePipeline": 300}
# between redirects (600) and decompression (590): the final response of each request, its body as received
DOWNLOADER_MIDDLEWARES = {"crawler.warc.WarcRecorder": 595}
EXTENSIONS = {"crawler.progress.Progress": 500}

# govaudit's own settings
GOVAUDIT_DB = "audit.db"  # where the pipeline writes
GOVAUDIT_RUN_ID = None  # set by the CLI; without it the pipeline creates a run
GOVAUDIT_AS_OF = None  # ISO date recorded on a run the pipeline creates (default today)
GOVAUDIT_SITE_NAME = ""
GOVAUDIT_MAX_PAGES = 3000  # pages fetched, counted at fetch time (crawler.budget) and spent in the audit order; README
GOVAUDIT_MAX_DEPTH = 10
GOVAUDIT_TEXT_LIMIT = 20000  # characters of visible text stored per page
GOVAUDIT_RESUME_SINCE = 0.0  # resuming a killed run: its start (epoch s); pages cached since are read without asking
GOVAUDIT_MAX_PARSE_CHARS = 2_000_000  # a longer page is parsed in part (crawler.extract.dom.cut_html), noted as such
GOVAUDIT_PROGRESS_INTERVAL = 10.0  # seconds between progress lines (0 = off)
GOVAUDIT_MAX_ATTACHMENTS = 2000  # attachment checks (HEAD / ranged GET) per audit; the rest stay unchecked
GOVAUDIT_MAX_QUERY_VARIANTS = 50  # distinct queries followed per path (calendars, faceted searches)
GOVAUDIT_MAX_URL_LENGTH = 1000  # longer URLs are not followed
GOVAUDIT_RESOLVE = {}  # host → "address:port" (--resolve); used by crawler.resolve.ResolvingDownloadHandler
GOVAUDIT_RENDER = False  # --render: script-drawn pages again through Chromium (crawler.render)
GOVAUDIT_WARC = "auto"  # the crawl's WARC file (crawler.warc): auto = .crawl-run<N>.warc.gz beside GOVAUDIT_DB; "" = none
GOVAUDIT_WARC_MAX_BODY = 2 * 1024 * 1024  # bytes of a page's body archived (text: HTML, XML, JSON …)
GOVAUDIT_WARC_MAX_FILE_BODY = 64 * 1024  # bytes of any other body (files fetched as pages; probes stop earlier)
# The audit order (crawler.priority): its classes first to last, the columns whose lists are read page by page
# (area → names), the areas whose entries are read in full, the 政府信息公开 tree's names and the article sample.
# govaudit fills it from the profile (crawl_order, with the names of its columns section); without it the crawl
# still orders the home page, column first pages and the sample before the rest.
GOVAUDIT_CRAWL_ORDER = {
    "order": ["home", "home_links", "tree", "lists", "first_pages", "documents", "sample", "department_lists", "rest"],
    "tree": [],
    "lists": {},
    "read_entries": [],
    "sample": {"newest": 5, "oldest": 2},
}
