"""Tables in an article's text (transforms/page_tables.py): captions the parser drops, rows glued to prose.

Every page here is written for these tests.
"""
from transforms.article import parse_page
from transforms.models import RawPage
from transforms.page_tables import restore_tables

PAGE = b"""<html><head><title>Quarterly AI capex</title></head><body><article>
<h1>Quarterly AI capex</h1>
<p>Cloud operators kept spending on AI servers and accelerators through the year, and the two largest
raised their budgets for GPUs and data centres again in the latest quarter, according to filings.</p>
<h2>Table 3: Capital expenditure (RMB bn unless stated)</h2>
<table><tr><th>Company</th><th>FY2024</th><th>FY2025 plan</th></tr>
<tr><td>JD.com</td><td>12.5</td><td>~18</td></tr></table>
<p>Both said supply of accelerators, not demand, would decide how much of the plan is spent on chips.</p>
</article></body></html>"""


def test_a_caption_the_parser_drops_is_put_back_above_its_table():
    article = parse_page(RawPage(url="https://example.test/capex", source="t", content=PAGE, content_type="text/html"))
    lines = article.text.split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("| Company"))
    assert lines[header - 1] == "Table 3: Capital expenditure (RMB bn unless stated)"
    assert article.text.count("Table 3:") == 1


def test_a_table_row_glued_to_the_line_before_gets_a_line_of_its_own():
    text = "We lift our estimates.|  | 1Q25 | 2Q25 |\n|---|---|---|\n| JD.com | 3.1 | 4.2 |"
    assert restore_tables(text, []).split("\n")[:2] == ["We lift our estimates.", "|  | 1Q25 | 2Q25 |"]


def test_a_kept_caption_is_not_repeated_and_prose_with_one_bar_is_left_alone():
    text = "Table 1: Capex (US$bn)\n| Company | 2025 |\n|---|---|\n| Meta | 70 |\nSales rose | a lot."
    assert restore_tables(text, [("Table 1: Capex (US$bn)", ["Company", "2025"])]) == text
