"""The built-in demo district: a fictional district portal with planted gaps, for trying and testing govaudit."""

from govaudit.demo.site import DemoSite, build_demo_site

__all__ = ["DemoSite", "build_demo_site"]
