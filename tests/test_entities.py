"""Company and chip gazetteers built from small inline seed rows."""
from transforms.entities import ChipGazetteer, CompanyGazetteer
from transforms.reference import load_reference
from seeds import SEEDS_DIR

COMPANIES = [
    {"company": "ByteDance", "aliases": "TikTok owner|owner of TikTok|字节跳动", "role": "buyer", "hq_country": "CN"},
    {"company": "Meta", "aliases": "Meta Platforms", "role": "buyer", "hq_country": "US"},
    {"company": "MetaX", "aliases": "", "role": "vendor", "hq_country": "CN"},
    {"company": "Nvidia", "aliases": "NVIDIA", "role": "vendor", "hq_country": "US"},
]
CHIPS = [
    {"chip_model": "H20", "vendor": "Nvidia", "family": "Hopper", "aliases": "H20s", "origin": "foreign"},
    {"chip_model": "Hopper", "vendor": "Nvidia", "family": "Hopper", "aliases": "Hopper-generation", "origin": "foreign"},
    {"chip_model": "Ascend 910B", "vendor": "Huawei", "family": "Ascend", "aliases": "910B", "origin": "domestic"},
]


def names(found):
    return [m.name for m in found]


def test_description_alias_maps_to_canonical():
    gaz = CompanyGazetteer.from_rows(COMPANIES)
    assert names(gaz.find("The owner of TikTok said the TikTok owner would wait.")) == ["ByteDance", "ByteDance"]


def test_chinese_name_alias():
    assert names(CompanyGazetteer.from_rows(COMPANIES).find("字节跳动表示")) == ["ByteDance"]


def test_word_boundaries_keep_meta_and_metax_apart():
    assert names(CompanyGazetteer.from_rows(COMPANIES).find("MetaX sells to Meta.")) == ["MetaX", "Meta"]


def test_case_sensitive_alias_ignores_common_word():
    assert CompanyGazetteer.from_rows(COMPANIES).find("a meta discussion") == []


def test_roles():
    gaz = CompanyGazetteer.from_rows(COMPANIES)
    assert gaz.role("Nvidia") == "vendor" and gaz.role("ByteDance") == "buyer"


def test_chip_models_plurals_and_families():
    gaz = ChipGazetteer.from_rows(CHIPS)
    found = gaz.find("It bought H20s and Hopper-generation parts, then Ascend 910B chips.")
    assert [(m.name, m.kind) for m in found] == [("H20", "chip"), ("Hopper", "chip_family"), ("Ascend 910B", "chip")]


def test_chip_vendor_and_origin():
    gaz = ChipGazetteer.from_rows(CHIPS)
    assert gaz.vendor_of("Ascend 910B") == "Huawei" and gaz.origin_of("H20") == "foreign"
    assert gaz.vendor_of("Z9000") is None


def test_project_seeds_cover_gold_vocabulary():
    ref = load_reference(SEEDS_DIR)
    gaz = CompanyGazetteer.from_rows(ref.table("companies"))
    for name in ("ByteDance", "Alibaba", "Tencent", "Baidu", "Huawei", "Nvidia", "Alphabet", "SK Hynix"):
        assert name in gaz.names
    assert names(gaz.find("Google and Aliyun and Volcano Engine")) == ["Alphabet", "Alibaba", "ByteDance"]
