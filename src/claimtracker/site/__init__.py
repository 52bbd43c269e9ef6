"""The static site: every claim and study as a page, with ClaimReview search engines read.

``claimtracker site build OUT`` (``make site``) writes plain HTML pages that need no server
beyond a static one (nginx, an object store, GitHub Pages), from the same library the
dashboard uses: the frames (:mod:`claimtracker.frames`, :mod:`claimtracker.chartframes`),
the verdict engine, the exports (ClaimReview JSON-LD, citations) and the dashboard's chart
builders. Nothing about the evidence is worked out here.

Modules: :mod:`~claimtracker.site.build` (full and incremental builds),
:mod:`~claimtracker.site.pages` and :mod:`~claimtracker.site.lists` (what each page shows),
:mod:`~claimtracker.site.render` (Jinja2 templates in ``templates/``, written only when
changed), :mod:`~claimtracker.site.summary` (the rows the lists are drawn from),
:mod:`~claimtracker.site.records`, :mod:`~claimtracker.site.state`,
:mod:`~claimtracker.site.assets` (``static/``, plotly.js) and
:mod:`~claimtracker.site.searchindex` (Pagefind).
"""

from claimtracker.site.build import BuildReport, SiteBuildError, build_site
from claimtracker.site.settings import SiteSettings, load_settings

__all__ = [
    "BuildReport",
    "SiteBuildError",
    "SiteSettings",
    "build_site",
    "load_settings",
]
