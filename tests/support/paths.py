"""Where things are, for tests in any folder."""

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent  # the repository
DATA = TESTS / "data"  # test inputs written for the tests
GOLDEN = TESTS / "golden"  # pinned renderings (prompts)
ARTIFACTS = ROOT / "test-artifacts"  # screenshots and reports a failing browser test leaves behind
DEMO_STORIES = ROOT / "retrieval" / "data" / "demo" / "stories.jsonl"

# The real CBS extracts, relative to DUIDING_REAL_DATA
KWB2019 = "dhzw_synthetic_population/kwb2019_84583NED_full/marginal_distributions_TheHague_2019_84583NED.csv"
KWB2021 = "dhzw_synthetic_population/den_haag_2021_subset/marginal_distributions_84583NED.csv"
NAMES2022 = "cbs_metadata/85318NED_kwb2022/WijkenEnBuurten.csv"
PROPS2022 = "cbs_metadata/85318NED_kwb2022/DataProperties.csv"

# The five KWB extracts of issue 33 (file, year), relative to DUIDING_REAL_DATA; all codes only, no --names
KWB_FIVE = [
    ("dhzw_synthetic_population/kwb2019_84583NED_full/marginal_distributions_TheHague_2019_84583NED.csv", 2019),
    ("dhzw_synthetic_population/den_haag_2021_subset/marginal_distributions_84583NED.csv", 2021),
    ("dhzw_synthetic_population/utrecht_2019_subset/marginal_distributions_84583NED.csv", 2019),
    ("dhzw_synthetic_population/utrecht_2021_subset/marginal_distributions_84583NED.csv", 2021),
    ("dhzw_synthetic_population/amsterdam_2019_full/marginal_distributions_84583NED.csv", 2019),
]
NAMES_NL = "cbs_metadata/85318NED_kwb2022/WijkenEnBuurten_NL.csv"
