"""The spiders of the crawler's Scrapy project (``scrapy list``): ``portal`` audits one site."""
