"""Money and chip-count grammar, on sentences written for these tests."""
import math

from hypothesis import given, strategies as st

from transforms.money import find_money, find_quantities, parse_number


def amounts(text):
    return [(m.amount, m.currency, m.qualifier) for m in find_money(text)]


def test_prefixed_dollars_with_scale():
    assert amounts("Widget Corp will invest US$3.5bn in servers.") == [(3.5e9, "USD", None)]


def test_yuan_suffix_and_hedge():
    assert amounts("It set aside roughly 75 billion yuan.") == [(75e9, "CNY", "roughly")]


def test_rmb_prefix_without_space():
    assert amounts("Spending hit RMB22.4bn last quarter.") == [(22.4e9, "CNY", None)]


def test_yen_sign_is_yuan_by_default_and_configurable():
    assert amounts("Outlay of ¥8 billion.") == [(8e9, "CNY", None)]
    assert [m.currency for m in find_money("Outlay of ¥8 billion.", yen_sign="JPY")] == ["JPY"]


def test_hong_kong_dollars_and_euros():
    assert amounts("HK$4.2 billion and €300m") == [(4.2e9, "HKD", None), (3e8, "EUR", None)]


def test_trillion_and_million():
    assert amounts("$1.2 trillion versus US$640,000 and 7 million euros")[0] == (1.2e12, "USD", None)
    assert amounts("7 million euros") == [(7e6, "EUR", None)]


def test_number_words():
    assert amounts("a budget of twelve billion dollars") == [(12e9, "USD", None)]
    assert amounts("roughly a billion dollars") == [(1e9, "USD", "roughly")]


def test_ranges_take_the_midpoint():
    assert amounts("between $4bn-$6bn") == [(5e9, "USD", "range")]
    assert amounts("three to five billion yuan") == [(4e9, "CNY", "range")]


def test_paired_currencies_are_two_mentions_in_order():
    found = find_money("a RMB 30 billion (US$4.1 billion) budget")
    assert [m.currency for m in found] == ["CNY", "USD"]


def test_vague_amounts_are_not_numbers():
    assert find_money("tens of billions of dollars") == []


def test_plain_numbers_and_percentages_are_not_money():
    assert find_money("In 2024 sales rose 15 per cent to 300 units") == []


def test_chip_count_with_noun():
    q = find_quantities("It bought about 12,000 chips last year.")
    assert [(x.value, x.unit, x.qualifier) for x in q] == [(12000, "chips", "about")]


def test_chip_count_with_model_plural():
    q = find_quantities("a cluster of 4,096 H800s")
    assert [(x.value, x.unit) for x in q] == [(4096, "H800s")]


def test_chip_count_with_vendor_possessive():
    q = find_quantities("ordered 2,500 of Huawei's Ascend 910C processors")
    assert [(x.value, x.unit) for x in q] == [(2500, "processors")]


def test_chip_count_with_model_and_units():
    assert [x.value for x in find_quantities("some 8,000 H200 units")] == [8000]


def test_servers_and_years_are_not_chip_counts():
    assert find_quantities("It filled 300 servers in 2024 with chips") == []


def test_parse_number_words_and_digits():
    assert parse_number("1,250.5") == 1250.5
    assert parse_number("forty-two") == 42
    assert parse_number("two dozen") == 24
    assert parse_number("a billion") == 1e9
    assert parse_number("many") is None


@given(st.text(max_size=300))
def test_grammar_never_raises_and_values_are_finite(text):
    for m in find_money(text):
        assert math.isfinite(m.amount) and m.amount > 0 and 0 <= m.start < m.end <= len(text)
    for q in find_quantities(text):
        assert math.isfinite(q.value) and q.value > 0 and 0 <= q.start < q.end <= len(text)


def test_between_and_is_one_range():
    assert amounts("capex of between $40 billion and $50 billion") == [(45e9, "USD", "range")]


def test_two_amounts_joined_by_and_stay_two():
    assert len(find_money("$5bn and $6bn")) == 2


def test_chip_count_with_common_adjective():
    assert [q.value for q in find_quantities("bought 6,000 domestic accelerators")] == [6000]


def test_people_are_not_chips():
    assert find_quantities("5,000 people bought chips") == []


def test_every_currency_the_grammar_emits_has_seed_rates():
    from seeds import SEEDS_DIR
    from transforms.money import PREFIX_CURRENCIES, SUFFIX_CURRENCIES
    from transforms.reference import load_reference

    rated = {row["currency"] for row in load_reference(SEEDS_DIR).table("fx_rates")} | {"USD"}
    assert set(PREFIX_CURRENCIES.values()) | set(SUFFIX_CURRENCIES.values()) <= rated


def test_half_a_billion():
    assert amounts("about half a billion dollars") == [(5e8, "USD", "about")]


def test_chip_count_with_k_suffix():
    assert [q.value for q in find_quantities("a cluster of 100k GPUs")] == [100000]


def test_counts_of_its_chips_and_not_gpu_hours():
    from transforms.money import find_quantities

    assert [q.value for q in find_quantities("Nvidia will ship 12,000 of its B300 chips to the buyer")] == [12000]
    assert find_quantities("training took 2.5 million GPU hours, or 40,000 GPU-days") == []


def test_counts_of_chips_described_by_how_they_were_made():
    from transforms.money import find_quantities

    found = find_quantities("it has installed close to 9,000 domestically made AI chips and 400 locally produced GPUs")
    assert [(q.value, q.qualifier) for q in found] == [(9000, "close to"), (400, None)]


def test_reais_rupees_riyals_and_dirhams():
    assert amounts("R$50 billion") == [(50e9, "BRL", None)]
    assert amounts("about 200 billion reais") == [(200e9, "BRL", "about")]
    assert amounts("40 billion riyals and 5 billion dirhams") == [(40e9, "SAR", None), (5e9, "AED", None)]
    assert amounts("1.2 trillion rupees") == [(1.2e12, "INR", None)]


def test_indian_scales():
    assert amounts("Rs 10,000 crore") == [(1e11, "INR", None)]
    assert amounts("₹1 lakh crore") == [(1e12, "INR", None)]
    assert amounts("Rs three") == []


def test_a_count_of_the_chipmakers_products():
    found = find_quantities("The lab will deploy up to 300,000 of the chipmaker's newest accelerators.")
    assert [(q.value, q.unit, q.qualifier) for q in found] == [(300000.0, "accelerators", "up to")]


def test_a_range_whose_first_number_has_no_currency_is_one_midpoint():
    found = [(m.amount, m.currency, m.qualifier) for m in find_money("expects to spend between 8 and 10 billion "
                                                                     "yuan, or between 15 billion and 20 billion yuan")]
    assert found == [(9e9, "CNY", "range"), (17.5e9, "CNY", "range")]
    assert [(m.amount, m.qualifier) for m in find_money("between 2024 and 2026 it will spend 10 billion yuan")] == [
        (1e10, None)]
