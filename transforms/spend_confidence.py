"""How sure a spend row is, from the evidence that decided it (0-1, on every chip_spend row).

A row starts at TOP and loses a fixed amount for each piece of weaker evidence (docs/extraction.md,
"Confidence", gives the table):

- the buyer: named in the sentence (nothing lost), named as the other side of a sale or a capacity deal
  ("to China Mobile", "with OpenAI"), the owner of the tender the page names, the company of
  the list heading, the buyer named earlier in the paragraph, the article's subject reached through "it",
  "the company", "we" or an officer;
- the year: stated beside the figure (nothing), else inferred (an earlier sentence, the publication year);
- the spend cue: within CLOSE characters of the figure (nothing), within NEAR, further or elsewhere (the
  heading above a list item, a table's caption, the chip count whose noun a bare number borrows);
- where the figure stands: a sentence (nothing), a table cell or a list item, a number without its noun or
  a comparison figure ("up from ...");
- a denial of the report.

The amounts are a judgement, kept in one place so that they can be checked against labelled sets: on
dev + dev2, precision rises with the threshold (docs/extraction.md).
"""
from __future__ import annotations

from transforms.spend_fields import Draft

TOP, FLOOR = 0.95, 0.05
CLOSE, NEAR = 25, 60
BUYER_LOSS = {"named": 0.0, "recipient": 0.05, "owner": 0.15, "heading": 0.1, "paragraph": 0.15, "subject": 0.25}
YEAR_INFERRED_LOSS = 0.15
CUE_LOSS = {"close": 0.0, "near": 0.05, "far": 0.1}
ORIGIN_LOSS = {"prose": 0.0, "table": 0.05, "list": 0.05, "elliptic": 0.1, "comparison": 0.1}
DISPUTED_LOSS = 0.15


def cue_reach(gap: int | None) -> str:
    """close, near or far: how far the spend cue stands from the figure (None: not in its sentence)."""
    if gap is None or gap > NEAR:
        return "far"
    return "close" if gap <= CLOSE else "near"


def spend_confidence(draft: Draft, disputed: bool) -> float:
    """The row's confidence, rounded to two decimals (module docstring)."""
    loss = BUYER_LOSS.get(draft.buyer_via, BUYER_LOSS["subject"])
    loss += 0.0 if draft.year_explicit else YEAR_INFERRED_LOSS
    loss += CUE_LOSS[cue_reach(draft.cue_gap)]
    loss += ORIGIN_LOSS.get(draft.origin, ORIGIN_LOSS["elliptic"])
    loss += DISPUTED_LOSS if disputed else 0.0
    return round(max(FLOOR, TOP - loss), 2)
