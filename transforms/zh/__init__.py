"""The Chinese grammar (simplified and traditional): sentences, numbers and money, dates, cue vocabularies.

Chinese news writes facts differently from English: no spaces between words, amounts in 亿 (1e8) and
万 (1e4) with Arabic or Chinese numerals (1,600亿元, 三千八百亿元, 2.5万亿), the currency after the
number (元, 美元, 港元) or before it (新台币420亿元), dates as 2025年12月23日 or relative to the
publication date (上周二, 本月初, 今年第三季度, 明年), and the subject before the verb. Each job has a
module of its own behind the same small interface as the English grammar:

| module | job |
|---|---|
| `script.py` | `fold(text)`: traditional characters written simplified, one for one (offsets stay exact) |
| `sentences.py` | `split_sentences(text)`: sentences ending at 。！？； or a line break, exact offsets |
| `numbers.py` | `parse_number(text)`: Arabic and Chinese numerals with 十/百/千/万/亿 scales |
| `money.py` | `find_money(text)`, `find_quantities(text)`: money and chip-count phrases with offsets |
| `dates.py` (patterns in `date_grammar.py`) | `find_dates(text, anchor)`, `find_years(text, anchor)`, `infer_anchor_date(text)` |
| `lexicon.py` | the Chinese vocabularies compiled from seeds/*_zh.csv (aliases, spend cues, policy triggers) |
| `organisations.py` | `find_organisations(...)`: companies the seeds do not list, named in English (pinyin) |
| `spend.py`, `spend_buyers.py`, `spend_fields.py`, `spend_tables.py` | spend rows: the same `SpendFact` values the English extractor gives |
| `policy.py`, `policy_actors.py`, `policy_dates.py` | policy rows: the same `PolicyEvent` values, folded by the English folding |
| `extract.py` | `ChineseExtractor(ref, fx).extract(article)`: what transforms.extract calls for a Chinese article |

Everything here is a pure function of text and seed values, like the English transforms.
"""
