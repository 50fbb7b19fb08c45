"""The words of the synthetic pages (bench/synthetic.py): sentence templates, word lists, amounts as text, and
the HTML page around a story. No randomness here: bench/synthetic.py draws from these."""
from __future__ import annotations

import json
from datetime import date
from html import escape

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
ANALYSTS = ("a Hong Kong brokerage", "Bernstein", "TrendForce", "a US investment bank", "Omdia",
            "a Shanghai research house", "Jefferies")
OUTLETS = ("a Beijing technology blog", "a financial newspaper", "The Information", "a Hong Kong daily",
           "Caixin")
PUBLISHERS = ("Synthetic Ledger", "Demo Daily Wire", "Made-Up Markets", "Test Bench Times", "Fixture Herald")
INTROS = (
    "Chinese technology groups are reworking their computing plans as trade tensions decide which processors they can buy.",
    "The race to build artificial-intelligence capacity in China keeps shifting between imported and home-grown hardware.",
    "Investors are watching how much China's platforms put into AI hardware, and where the chips come from.",
    "Policy on both sides of the Pacific is shaping the market for AI accelerators.",
)
TITLES = ("{c} steps up its AI hardware push", "What {c}'s computing plans tell us about China's chip market",
          "{c} and the new arithmetic of AI chips", "Chip budgets, export rules and {c}")
DENIALS = ("{c} denied the report, saying the figures were not accurate.",
           "A spokesperson for {c} said the report was untrue.",
           "{c} rejected the account as groundless.")
SOURCES = (", according to people familiar with the matter", ", {outlet} reported", ", the company said", "")
OBJECTS = {
    "ai_capex": ("AI infrastructure", "computing infrastructure for AI", "artificial-intelligence infrastructure"),
    "data_center": ("data centres", "new AI data centres"),
    "cloud_rental": ("renting cloud computing capacity", "rented GPU capacity"),
}
REGIONS = {"domestic": (" in China", " at home"), "overseas": (" outside China", " overseas")}
SPEND_TEMPLATES = {  # (status, kind) -> sentence patterns; {m} money, {q} chip count, {o} object, {y} year
    ("planned", "money"): ("{s} plans to spend {m} on {o} {y}{src}.", "{s} has set aside {m} for {o} {y}{src}.",
                           "{s} has budgeted {m} for {o} {y}{src}.",
                           "According to {outlet}, {s} will put {m} into {o} {y}."),
    ("actual", "money"): ("{s} spent {m} on {o} {y}{src}.", "{s} invested {m} in {o} {y}{src}.",
                          "{Y}, {s} spent {m} on {o}{src}."),
    ("estimate", "money"): ("Analysts at {firm} estimate that {s} spent {m} on {o} {y}.",
                            "{s} spent an estimated {m} on {o} {y}, according to {firm}."),
    ("planned", "units"): ("{s} plans to buy {q} {chips} {y}{src}.", "{s} intends to order {q} {chips} {y}{src}.",
                           "According to {outlet}, {s} has lined up orders for {q} {chips} {y}."),
    ("actual", "units"): ("{s} bought {q} {chips} {y}{src}.", "{s} took delivery of {q} {chips} {y}{src}."),
    ("estimate", "units"): ("{firm} estimates that {s} bought {q} {chips} {y}.",),
}
MONEY = {  # currency -> (amounts to draw from, surface forms; {v} "30 billion", {b} "30bn")
    "CNY": ((3e8, 8e8, 1.2e9, 2e9, 3.5e9, 5e9, 8e9, 12e9, 15e9, 20e9, 30e9, 40e9, 60e9, 85e9, 100e9, 150e9),
            ("RMB {v}", "{v} yuan", "RMB{b}", "¥{v}")),
    "USD": ((5e8, 1e9, 1.5e9, 2e9, 2.8e9, 4e9, 5e9, 6.5e9, 8e9, 10e9, 12e9, 16e9, 20e9),
            ("${v}", "US${v}", "${b}")),
    "HKD": ((1.5e9, 3e9, 5e9, 8e9, 12e9), ("HK${v}", "HK${b}")),
    "EUR": ((8e8, 1e9, 2e9, 3.5e9, 5e9, 12e9), ("€{v}", "{v} euros", "€{b}")),
}
HEDGES = ("", "", "", "about ", "more than ", "nearly ", "up to ", "roughly ")
CURRENCY_WEIGHTS = (("CNY", 5), ("USD", 4), ("HKD", 1), ("EUR", 1))
UNIT_COUNTS = tuple(k * 1000 for k in (2, 5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250))
DISTRACTORS = (
    "{c} is valued at about ${v} billion, according to people familiar with its latest funding round.",
    "{c}'s revenue rose {p}% to RMB {v} billion in the latest quarter.",
    "{c}'s shares closed {p}% higher at HK${price} in Hong Kong.",
    "{c}'s market value has climbed to about ${v} billion.",
    "{c}'s chatbot has {u} million monthly active users.",
    "About {p}% of {c}'s chip orders now go to domestic suppliers.",
    "Analysts put the size of China's AI chip market at about ${v} billion.",
    "{vendor} expects to ship about {units} {chip} processors this year.",
    "{c} plans to spend ${small} billion on share buybacks this year.",
    "{c} spent RMB {small} billion on marketing and user subsidies last year.",
    "{c} raised ${small} billion in its latest funding round.",
    "{vendor} booked ${small} billion of revenue from Chinese customers last year.",
)


def subject_form(alias: str) -> str:
    """An alias as a sentence subject: descriptions ("TikTok owner", "owner of TikTok") take "the"."""
    descriptive = any(word in alias.split() for word in ("owner", "parent", "operator"))
    if (alias[0].islower() or descriptive) and "'s" not in alias and "\u2019s" not in alias:
        return "the " + alias
    return alias


def sentence_case(sentence: str) -> str:
    """Capitalise a sentence that opens with "the ..."; names keep their own case ("iFlytek")."""
    return "The" + sentence[3:] if sentence.startswith("the ") else sentence


def scaled(value: float) -> str:
    """30e9 -> "30 billion", 8e8 -> "800 million", 2.8e9 -> "2.8 billion"."""
    if value >= 1e9:
        return f"{value / 1e9:g} billion"
    return f"{value / 1e6:g} million"


def short_scaled(value: float) -> str:
    """30e9 -> "30bn", 8e8 -> "800m": the headline-style scale words."""
    return f"{value / 1e9:g}bn" if value >= 1e9 else f"{value / 1e6:g}m"


def amount_forms(value: float) -> tuple[str, str]:
    """The ways this module may print an amount (for checking that a page states it)."""
    return scaled(value), short_scaled(value)


def date_markup(style: str, pub: date | None, publisher: str) -> tuple[str, str]:
    """(head markup, byline markup) stating the publication date in the given style."""
    if pub is None or style in ("dateline", "none"):
        return f'<meta property="og:site_name" content="{publisher}">', ""
    if style == "meta":
        return (f'<meta property="og:site_name" content="{publisher}">\n'
                f'<meta property="article:published_time" content="{pub.isoformat()}T09:00:00+08:00">'), ""
    if style == "jsonld":
        doc = {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": pub.isoformat(),
               "publisher": {"@type": "Organization", "name": publisher}}
        return f'<script type="application/ld+json">{json.dumps(doc)}</script>', ""
    return (f'<meta property="og:site_name" content="{publisher}">',
            f' &middot; <time datetime="{pub.isoformat()}T08:00:00Z">{pub.day} {MONTHS[pub.month - 1]} {pub.year}</time>')


def render_html(title: str, paragraphs: list[str], head: str, byline: str, publisher: str) -> str:
    """A page with ordinary boilerplate around the story: cookie bar, nav, share links, related, footer."""
    body = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)} | {publisher}</title>
{head}
</head>
<body>
<div class="cookie-banner">We use cookies to run this site and measure readership. <button>Accept</button></div>
<header><a href="/">{publisher}</a><nav><a href="/tech">Tech</a> <a href="/markets">Markets</a> <a href="/policy">Policy</a></nav></header>
<main>
<article>
<h1>{escape(title)}</h1>
<p class="byline">By Staff Writer{byline}</p>
<div class="share"><a href="#">Share on X</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>
<div class="article-body">
{body}
</div>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/tech/a">Chip stocks rally on policy hopes</a></li><li><a href="/markets/b">Cloud prices fall again</a></li></ul></aside>
</main>
<footer><p>&copy; {publisher}</p><p>Synthetic page generated by chipdemand's bench.synthetic; every fact on it is invented.</p></footer>
</body>
</html>
"""
