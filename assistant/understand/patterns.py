"""The regular expressions and word lists that classify a question."""

from __future__ import annotations

import re

EN_WORDS = {"the", "what", "how", "many", "which", "highest", "lowest", "compared", "with", "of", "does",
            "mean", "much", "a", "lot", "district", "neighbourhood", "neighborhood", "and", "why", "are", "people",
            "live", "there", "this", "our", "high", "low", "share", "explain", "about", "stories", "than",
            "where", "need", "needed", "most", "tell", "me", "doing", "districts", "more", "less", "have", "has",
            "is", "income", "households", "richer", "older", "younger", "poorer", "average"}
NL_WORDS = {"de", "het", "een", "wat", "hoeveel", "welke", "hoogst", "laagst", "vergeleken", "met", "van",
            "betekent", "veel", "wijk", "buurt", "en", "waarom", "zijn", "er", "onze", "deze", "hoe", "hoog",
            "laag", "mensen", "wonen", "aandeel", "uitleg", "over", "verhalen", "dan", "ligt", "heeft",
            "waar", "nodig", "meer", "minder", "wijken", "gaat", "speelt", "hebben", "ouder", "rijker", "gemiddelde",
            "is", "moet", "hardst", "niet", "geen", "nog", "ook", "maar", "bij", "naar", "voor", "om", "op", "uit",
            "als", "dat", "die", "wie", "wel", "kan", "kunnen", "wordt", "worden", "zit", "zitten", "staat",
            "huis", "eigen", "jongeren", "ouderen", "bewoners", "inwoners", "gemeente", "ik", "je", "jij", "we",
            "wij", "ons", "hun", "ze", "tussen", "sinds", "jaar", "hoger", "lager", "groot", "klein", "daar",
            "hier", "goed", "slecht", "vaak", "weinig", "druk", "stad", "kinderen", "gezinnen", "woningen"}
TOP_RE = re.compile(r"\b(hoogst\w*|meest\w*|laagst\w*|minst\w*|grootst\w*|kleinst\w*|highest|lowest|most|"
                    r"least|fewest|"
                    r"largest|smallest|top\s*\d+|nummer 1|number one)\b")
LOW_RE = re.compile(r"\b(laagst\w*|minst\w*|kleinst\w*|lowest|least|fewest|smallest|onderaan)\b")
ASK_WHICH_RE = re.compile(r"\b(welke?|which|waar|where|top\s*\d+|nummer 1|number one|rangschik\w*|ranking)\b|"
                          r"\b(de|the)\s+\w+st\w*\s+(wijk|buurt|stadsdeel|district|neighbourhood)")
PRONOUN_RE = re.compile(r"\b(dat|dit|daar|daarvan|die|it|that|there|this)\b")
# "En vergeleken met Nederland?": a reference for the figure already on the table, not a new subject
AGAINST_RE = re.compile(r"\b(vergeleken met|vergelijk\w* met|ten opzichte van|t\.o\.v\.?|naast|tegenover|"
                        r"compared (?:to|with)|versus|vs\.?|against)\b")
# Words for a group of people: an indicator only when the question names nothing more specific.
WEAK = {"leeftijd_15_25", "leeftijd_0_15", "leeftijd_65_plus", "huishoudens", "inwoners"}
TREND_RE = re.compile(r"\b(sinds|trend|ontwikkel\w*|gestegen|gedaald|gegroeid|veranderd|verloop|door de jaren|"
                      r"laatste jaren|afgelopen jaren|since|over time|changed|grown|risen|fallen)\b")
SHARE_RE = re.compile(r"\b(aandeel|percentage|procent|hoeveel procent|welk deel|share|proportion)\b")
# "Wat is de Wmo eigenlijk?": a question about a word, also when the word names an indicator
DEFINE_RE = re.compile(r"^\s*(wat (betekent|betekenen|is|zijn|telt|bedoel\w*|houdt)|what (does|do|is|are|counts)|"
                       r"waarom|why|hoe (werkt|bereken\w*|tel\w*)|how (is|are|does)|leg uit|uitleg|explain)\b")
STORY_RE = re.compile(r"\b(verha\w*|ervaring\w*|vertel\w*|ervaren|zeggen (?:de )?(?:bewoners|inwoners|mensen)|"
                      r"what do (?:the )?(?:residents|people)\b[^?]*?\b(?:say|tell|experience)|"
                      r"stories|story|experiences|residents say|verhaal)\b")
HERE_RE = re.compile(r"\b(deze wijk|onze wijk|mijn wijk|deze buurt|onze buurt|hier|this area|our area)\b")
FOLLOW_RE = re.compile(r"^\s*(en|and|wat als|what about)\b")
FOLLOW_FORM_RE = re.compile(rf"{FOLLOW_RE.pattern}|{AGAINST_RE.pattern}|{PRONOUN_RE.pattern}")
