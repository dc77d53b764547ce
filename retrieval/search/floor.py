"""The story relevance floor: when "no matching stories" is the answer, on collections of 10 to 10,000 stories.

A hit's z-score (how far its cosine stands above the query's mean over the collection) grows with the
collection: among n unrelated stories the best one already stands about `expected_max(n)` standard
deviations out (1.5 for 10 stories, 2.6 for 173, 3.9 for 10,000). A fixed z floor calibrated on 173 stories
therefore silences most genuine hits in a collection of a dozen. This floor asks the best hit to stand out
`z` more than the best of n unrelated stories would, *and* to reach a raw cosine that does not depend on the
collection at all. Keyword evidence (the story holds most of the question's words) or theme evidence (the
story carries a theme the question is about) admits a hit on its own, given a lower cosine.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

from retrieval.search.fusion import Floor

MIN_SPREAD = 5  # below this many stories a z-score says nothing; only the cosine counts
REFERENCE_N = 173  # the demo collection the cosine thresholds are quoted for


def expected_max(n: int) -> float:
    """Expected largest of n standard normal draws (Blom's approximation); 0 for n < MIN_SPREAD."""
    if n < MIN_SPREAD:
        return 0.0
    return NormalDist().inv_cdf((n - 0.375) / (n + 0.25))


@dataclass(frozen=True)
class Evidence:
    """The raw signals of one candidate story for one query."""

    similarity: float  # cosine of its best chunk (-1 when only keywords found it)
    z: float  # that cosine in standard deviations above the query's mean over the collection
    coverage: float  # idf-weighted share of the query's words in the story
    theme: bool  # the story carries a theme the question is about


@dataclass(frozen=True)
class StoryFloor:
    """Thresholds for one embedder; see eval/reports/retrieval.md for how they were calibrated."""

    z: float  # extra standard deviations above the expected best of n unrelated stories
    similarity: float  # cosine the best hit needs besides its z, in a collection of REFERENCE_N stories
    coverage: float = 0.6  # keyword evidence: this share of the query's words admits a hit
    theme_similarity: float = 1.01  # theme evidence: a story with the question's theme needs only this cosine
    slack: float = 1.0  # once the query has a hit, later hits may stand out this much less
    similarity_slope: float = 0.0  # the cosine needed moves this much per deviation of expected_max(n)

    def z_needed(self, n: int) -> float:
        return expected_max(n) + self.z if n >= MIN_SPREAD else float("-inf")

    def similarity_needed(self, n: int) -> float:
        """The best of n off-topic cosines grows with n like expected_max(n); so does the bar."""
        return self.similarity + self.similarity_slope * (expected_max(max(n, MIN_SPREAD)) - expected_max(REFERENCE_N))

    def admits(self, e: Evidence, n: int, slack: float = 0.0) -> bool:
        vector = e.similarity >= self.similarity_needed(n) - slack / 100 and e.z >= self.z_needed(n) - slack
        themed = e.theme and e.similarity >= self.theme_similarity
        return vector or themed or e.coverage >= self.coverage

    def admits_query(self, evidence: list[Evidence], n: int) -> bool:
        return any(self.admits(e, n) for e in evidence)

    def admits_hit(self, e: Evidence, n: int) -> bool:
        return self.admits(e, n, self.slack)


# Per embedder name, from the calibration in eval/reports/retrieval.md. Only e5 was calibrated on small
# collections (its cosines are comparable across queries); the others keep their z floor on 173 stories,
# written relative to the expected best of 173 unrelated stories (2.64), and no cosine condition.
FLOORS: dict[str, StoryFloor] = {
    "e5-small-q4": StoryFloor(z=-1.0, similarity=0.85, coverage=0.6, theme_similarity=0.80, similarity_slope=0.02),
    "use-m3": StoryFloor(z=1.76, similarity=-1.0, coverage=0.5),
    "minilm-l6": StoryFloor(z=0.91, similarity=-1.0, coverage=0.5),
    "fake256": StoryFloor(z=1.16, similarity=-1.0, coverage=0.5, theme_similarity=-1.0),
}
DEFAULT_FLOOR = StoryFloor(z=0.4, similarity=-1.0, coverage=0.5)
DEFAULT_TERM_FLOOR = Floor(z=3.0, coverage=0.5)
# Glossary and catalogue are small collections with their own spread, so they get their own floors.
TERM_FLOORS: dict[str, dict[str, Floor]] = {
    "e5-small-q4": {"glossary": Floor(z=2.8, coverage=0.55), "indicators": Floor(z=3.3, coverage=0.3)},
    "use-m3": {"glossary": Floor(z=5.0, coverage=0.55), "indicators": Floor(z=4.6, coverage=0.3)},
    "minilm-l6": {"glossary": Floor(z=3.65, coverage=0.55), "indicators": Floor(z=3.3, coverage=0.4)},
    "fake256": {"glossary": Floor(z=4.15, coverage=0.55), "indicators": Floor(z=2.85, coverage=0.4)},
}
