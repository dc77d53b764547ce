"""Interface text: Dutch first, English available. Answers come in the question's language from the API."""

from __future__ import annotations

from typing import Literal

from assistant.core import registry

Lang = Literal["nl", "en"]



def audiences() -> tuple[str, ...]:
    """The registered audiences, in their order (assistant/compose/audiences.py)."""
    return registry.names("audience")

TEXT: dict[str, dict[Lang, str]] = {
    "title": {"nl": "Duiding", "en": "Duiding"},
    "tagline": {"nl": "Cijfers en verhalen over je wijk, uitgelegd.",
                "en": "Neighbourhood figures and stories, explained."},
    "language": {"nl": "Taal", "en": "Language"},
    "audience": {"nl": "Ik ben", "en": "I am a"},
    "area": {"nl": "Wijk of buurt", "en": "District or neighbourhood"},
    "area_search": {"nl": "Zoek een gebied", "en": "Search an area"},
    "area_help": {"nl": "Met 'deze wijk' in je vraag bedoel je dit gebied.",
                  "en": "'This district' in your question means this area."},
    "no_area": {"nl": "(geen gebied)", "en": "(no area)"},
    "year": {"nl": "Jaar", "en": "Year"},
    "latest": {"nl": "Nieuwste", "en": "Latest"},
    "llm": {"nl": "Taalmodel", "en": "Language model"},
    "llm_ok": {"nl": "bereikbaar", "en": "reachable"},
    "llm_role": {"nl": "Taalmodel voor de formulering; de cijfers komen uit de tabellen en worden gecontroleerd.",
                 "en": "Language model for the wording; the figures come from the tables and are checked."},
    "llm_down": {"nl": "niet bereikbaar: je krijgt het feitenantwoord",
                 "en": "not reachable: you get the facts answer"},
    "llm_none": {"nl": "uit: alleen feitenantwoorden", "en": "off: facts answers only"},
    "api_down": {"nl": "De Duiding-API is niet bereikbaar.", "en": "The Duiding API is not reachable."},
    "new_chat": {"nl": "Nieuw gesprek", "en": "New conversation"},
    "ask": {"nl": "Stel je vraag, bijvoorbeeld: Is de jeugdzorg in deze wijk hoog?",
            "en": "Ask a question, for example: Is youth care in this district high?"},
    "empty": {"nl": "Vraag iets over de cijfers of verhalen van een wijk. Probeer:",
              "en": "Ask about the figures or stories of a district. Try:"},
    "checked": {"nl": "✓ alle cijfers gecontroleerd", "en": "✓ all numbers checked"},
    "fallback": {"nl": "terugval op feitenantwoord", "en": "fell back to the facts answer"},
    "facts_only": {"nl": "feitenantwoord (zonder taalmodel)", "en": "facts answer (no language model)"},
    "writing": {"nl": "Het taalmodel schrijft…", "en": "The language model is writing…"},
    "queued": {"nl": "In de wachtrij voor het taalmodel (plek {place}); de feiten staan hierboven.",
               "en": "Waiting for the language model (place {place}); the facts are above."},
    "cut_off_badge": {"nl": "onderbroken: de getoonde zinnen zijn gecontroleerd",
                      "en": "interrupted: the sentences shown were checked"},
    "cut_off_early": {"nl": "Onderbroken door je volgende vraag, nog voor er een antwoord was. "
                            "Stel de vraag gerust opnieuw.",
                      "en": "Interrupted by your next question before there was an answer. Feel free to ask it again."},
    "cut_off": {"nl": "Onderbroken door je volgende vraag: je ziet de feiten en de zinnen die al gecontroleerd waren.",
                "en": "Interrupted by your next question: you see the facts and the sentences already checked."},
    "follow_ups": {"nl": "Vraag verder", "en": "Ask further"},
    "clarify": {"nl": "Welk gebied bedoel je?", "en": "Which area do you mean?"},
    "in": {"nl": "in", "en": "in"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "facts": {"nl": "Feiten", "en": "Facts"},
    "stories": {"nl": "Verhalen", "en": "Stories"},
    "table": {"nl": "tabel", "en": "table"},
    "indicator": {"nl": "indicator", "en": "indicator"},
    "fictional": {"nl": "fictief", "en": "fictional"},
    "glossary": {"nl": "Begrippen", "en": "Terms"},
    "example": {"nl": "Voorbeeld", "en": "Example"},
    "mistake": {"nl": "Veelgemaakte fout", "en": "Common mistake"},
    "ask_yourself": {"nl": "Vraag jezelf af", "en": "Ask yourself"},
    "charts": {"nl": "Grafieken", "en": "Charts"},
    "no_value": {"nl": "geen cijfer", "en": "no figure"},
    "stories_count": {"nl": "verhalen", "en": "stories"},
    "provisional": {"nl": "voorlopig", "en": "provisional"},
    "final": {"nl": "definitief", "en": "final"},
    "error": {"nl": "Er ging iets mis", "en": "Something went wrong"},
    "problem": {"nl": "Wat ging er mis", "en": "What went wrong"},
    "fix": {"nl": "Wat je kunt doen", "en": "What you can do"},
    # pages in the navigation
    "page_chat": {"nl": "Gesprek", "en": "Chat"},
    "page_export": {"nl": "Onderbouwing", "en": "Argument"},
    "page_exercise": {"nl": "Oefening", "en": "Exercise"},
    "page_upload": {"nl": "Upload", "en": "Upload"},
    "to_chat": {"nl": "Naar het gesprek", "en": "Go to the chat"},
    "to_export": {"nl": "Maak hiervan een onderbouwing", "en": "Turn this into an argument"},
}

EXPORT_TEXT: dict[str, dict[Lang, str]] = {
    "export_intro": {"nl": "Een onderbouwing zet je gesprek op papier: je vragen, de antwoorden, elk cijfer met "
                           "zijn bron, de verhalen en de kanttekeningen. Handig voor een notitie aan de "
                           "opdrachtgever.",
                     "en": "An argument puts your conversation on paper: your questions, the answers, every figure "
                           "with its source, the stories and the caveats. Useful for a note to the commissioner."},
    "export_none": {"nl": "Er is nog geen gesprek. Stel eerst een vraag in het gesprek; daarna kun je hier de "
                          "onderbouwing maken.",
                    "en": "There is no conversation yet. Ask a question in the chat first; then you can make the "
                          "argument here."},
    "export_questions": {"nl": "Vragen in dit gesprek", "en": "Questions in this conversation"},
    "make_export": {"nl": "Maak onderbouwing", "en": "Make argument"},
    "export_busy": {"nl": "De onderbouwing wordt gemaakt…", "en": "Making the argument…"},
    "export_ready": {"nl": "De onderbouwing is klaar. Kies hoe je hem wilt downloaden.",
                     "en": "The argument is ready. Choose how to download it."},
    "download_docx": {"nl": "Download als Word (.docx)", "en": "Download as Word (.docx)"},
    "download_md": {"nl": "Download als Markdown (.md)", "en": "Download as Markdown (.md)"},
    "download_zip": {"nl": "Download als Markdown met grafieken (.zip)",
                     "en": "Download as Markdown with charts (.zip)"},
}

EXERCISE_TEXT: dict[str, dict[Lang, str]] = {
    "exercise_intro": {"nl": "Oefen het lezen van cijfers. Kies een antwoord en kijk daarna wat goed is en waarom. "
                             "De oefening gaat over het gebied in de zijbalk.",
                       "en": "Practise reading figures. Pick an answer, then see what is right and why. "
                             "The exercise is about the area in the sidebar."},
    "exercise_no_area": {"nl": "Kies eerst een wijk of buurt in de zijbalk.",
                         "en": "First choose a district or neighbourhood in the sidebar."},
    "exercise_kind": {"nl": "Soort oefening", "en": "Kind of exercise"},
    "kind_any": {"nl": "Maakt niet uit", "en": "Any kind"},
    "kind_procentpunt": {"nl": "Procent of procentpunt", "en": "Percent or percentage point"},
    "kind_ecologische_valkuil": {"nl": "Wijk of bewoner (ecologische valkuil)",
                                 "en": "Area or resident (ecological fallacy)"},
    "kind_kleine_aantallen": {"nl": "Kleine aantallen", "en": "Small numbers"},
    "kind_vergelijking": {"nl": "Vergelijken: met wat?", "en": "Comparing: with what?"},
    "exercise_busy": {"nl": "Een oefening wordt gemaakt…", "en": "Making an exercise…"},
    "your_answer": {"nl": "Jouw antwoord", "en": "Your answer"},
    "check_answer": {"nl": "Controleer mijn antwoord", "en": "Check my answer"},
    "pick_first": {"nl": "Kies eerst een antwoord.", "en": "Pick an answer first."},
    "right": {"nl": "Goed! Dat is het juiste antwoord.", "en": "Right! That is the correct answer."},
    "wrong": {"nl": "Helaas, dat klopt niet.", "en": "Sorry, that is not right."},
    "key": {"nl": "Het juiste antwoord", "en": "The correct answer"},
    "explanation": {"nl": "Uitleg", "en": "Explanation"},
    "read_more": {"nl": "Lees verder in de begrippenlijst", "en": "Read on in the glossary"},
    "new_exercise": {"nl": "Nieuwe oefening", "en": "New exercise"},
}

UPLOAD_TEXT: dict[str, dict[Lang, str]] = {
    "upload_intro": {"nl": "Voeg eigen cijfers of verhalen toe. Een bestand wordt helemaal ingelezen of helemaal "
                           "niet: bij een fout blijft alles zoals het was.",
                     "en": "Add your own figures or stories. A file is read completely or not at all: after an "
                           "error everything stays as it was."},
    "upload_what": {"nl": "Wat wil je toevoegen?", "en": "What do you want to add?"},
    "upload_tables": {"nl": "Cijfers (tabel)", "en": "Figures (table)"},
    "upload_stories": {"nl": "Verhalen", "en": "Stories"},
    "table_file": {"nl": "Tabel (CSV, TSV, TXT of XLSX)", "en": "Table (CSV, TSV, TXT or XLSX)"},
    "table_file_help": {"nl": "Bijvoorbeeld een CSV met de kolommen gebied, indicator, jaar en waarde.",
                        "en": "For example a CSV with the columns area, indicator, year and value."},
    "table_format": {"nl": "Soort tabel", "en": "Kind of table"},
    "table_format_help": {"nl": "Laat Duiding het herkennen, of kies het zelf als dat misgaat.",
                          "en": "Let Duiding detect it, or choose it yourself when that fails."},
    "format_auto": {"nl": "Herken automatisch", "en": "Detect automatically"},
    "format_cbs": {"nl": "CBS Kerncijfers wijken en buurten (CSV)", "en": "CBS key figures districts (CSV)"},
    "format_long": {"nl": "Lang: één waarde per rij (gebied, indicator, jaar, waarde)",
                    "en": "Long: one value per row (area, indicator, year, value)"},
    "format_wide": {"nl": "Breed: één rij per gebied en jaar", "en": "Wide: one row per area and year"},
    "format_xlsx": {"nl": "Excel-bestand (XLSX)", "en": "Excel file (XLSX)"},
    "format_ggdh": {"nl": "GGD Haaglanden wijkprofielen", "en": "GGD Haaglanden district profiles"},
    "format_eenzaamheid": {"nl": "Eenzaamheid per wijk (2016)", "en": "Loneliness per district (2016)"},
    "table_year": {"nl": "Jaar (als het niet in het bestand of de naam staat)",
                   "en": "Year (when the file or its name does not say)"},
    "table_status": {"nl": "Status van de cijfers", "en": "Status of the figures"},
    "table_source": {"nl": "Bron (bijvoorbeeld: Monitor gemeente 2024)",
                     "en": "Source (for example: City monitor 2024)"},
    "table_names": {"nl": "Namenlijst (optioneel, CBS WijkenEnBuurten.csv)",
                    "en": "Name list (optional, CBS WijkenEnBuurten.csv)"},
    "table_names_help": {"nl": "Zonder lijst krijgen CBS-codes hun naam uit de landelijke CBS-lijst (2022). "
                               "Een eigen lijst gaat voor.",
                         "en": "Without a list, CBS codes get their names from the national CBS list (2022). "
                               "A list you send wins."},
    "datasets_title": {"nl": "Geladen datasets", "en": "Loaded datasets"},
    "datasets_none": {"nl": "Er zijn nog geen datasets geladen.", "en": "No datasets are loaded yet."},
    "datasets_remove_hint": {"nl": "Een dataset weghalen: `duiding datasets remove ID` of DELETE /v1/datasets/ID.",
                             "en": "To remove a dataset: `duiding datasets remove ID` or DELETE /v1/datasets/ID."},
    "ds_id": {"nl": "Id", "en": "Id"}, "ds_file": {"nl": "Bestand", "en": "File"},
    "ds_table": {"nl": "Tabel", "en": "Table"}, "ds_gemeente_names": {"nl": "Gemeenten", "en": "Municipalities"},
    "ds_years": {"nl": "Jaren", "en": "Years"}, "ds_rows": {"nl": "Regels", "en": "Rows"},
    "ds_imported": {"nl": "Geladen op", "en": "Imported"},
    "story_file": {"nl": "Verhalen (CSV, JSONL of Markdown)", "en": "Stories (CSV, JSONL or Markdown)"},
    "story_file_help": {"nl": "Namen, telefoonnummers, adressen en andere persoonsgegevens worden weggehaald "
                              "voordat iets wordt opgeslagen.",
                        "en": "Names, phone numbers, addresses and other personal data are removed before "
                              "anything is stored."},
    "upload_button": {"nl": "Inlezen", "en": "Import"},
    "upload_pick": {"nl": "Kies eerst een bestand.", "en": "Choose a file first."},
    "upload_busy": {"nl": "Bezig met inlezen van {name}…", "en": "Importing {name}…"},
    "upload_done": {"nl": "{name} is ingelezen.", "en": "{name} has been imported."},
    "upload_failed": {"nl": "{name} is niet ingelezen.", "en": "{name} was not imported."},
    "unchanged": {"nl": "Er is niets veranderd: je cijfers en verhalen staan er nog precies zoals ze waren.",
                  "en": "Nothing has changed: your figures and stories are exactly as they were."},
    "report_in": {"nl": "Ingelezen", "en": "Imported"},
    "report_same": {"nl": "Deze gegevens stonden er al; er is niets veranderd.",
                    "en": "These data were already there; nothing has changed."},
    "report_table_caption": {"nl": "Verslag van het inlezen", "en": "Import report"},
    "report_part": {"nl": "Onderdeel", "en": "Item"},
    "report_value": {"nl": "Waarde", "en": "Value"},
    "report_warnings": {"nl": "Let op", "en": "Please note"},
    "report_redactions": {"nl": "Persoonsgegevens weggehaald", "en": "Personal data removed"},
    "r_file": {"nl": "Bestand", "en": "File"},
    "r_format": {"nl": "Soort", "en": "Kind"},
    "r_source": {"nl": "Bron", "en": "Source"},
    "r_rows": {"nl": "Rijen gelezen", "en": "Rows read"},
    "r_areas": {"nl": "Gebieden", "en": "Areas"},
    "r_indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "r_values": {"nl": "Waarden", "en": "Values"},
    "r_stored": {"nl": "Opgeslagen", "en": "Stored"},
    "r_suppressed": {"nl": "Geheim (niet gepubliceerd)", "en": "Suppressed (not published)"},
    "r_years": {"nl": "Jaren", "en": "Years"},
    "r_skipped": {"nl": "Overgeslagen", "en": "Skipped"},
    "r_changed": {"nl": "Iets veranderd", "en": "Anything changed"},
    "stored": {"nl": "opgeslagen", "en": "stored"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
}

TEXT |= EXPORT_TEXT | EXERCISE_TEXT | UPLOAD_TEXT

EXAMPLES: dict[Lang, list[str]] = {
    "nl": ["Is de jeugdzorg in deze wijk hoog?", "Hoe is de bijstand in deze wijk veranderd sinds 2019?",
           "Wat vertellen bewoners over eenzaamheid?"],
    "en": ["Is youth care in this district high?", "How has social assistance changed here since 2019?",
           "What do residents say about loneliness?"],
}


def t(key: str, lang: Lang = "nl") -> str:
    """The interface text for key; a missing key shows itself, so it is easy to spot."""
    entry = TEXT.get(key)
    return entry[lang] if entry else key


PLURALS: dict[str, dict[Lang, tuple[str, str]]] = {
    "fact": {"nl": ("feit", "feiten"), "en": ("fact", "facts")},
    "story": {"nl": ("verhaal", "verhalen"), "en": ("story", "stories")},
    "value": {"nl": ("cijfer", "cijfers"), "en": ("value", "values")},
    "indicator": {"nl": ("indicator", "indicatoren"), "en": ("indicator", "indicators")},
    "area": {"nl": ("gebied", "gebieden"), "en": ("area", "areas")},
    "row": {"nl": ("rij", "rijen"), "en": ("row", "rows")},
}


def count(n: int, noun: str, lang: Lang = "nl") -> str:
    """'1 verhaal', '3 verhalen'."""
    one, many = PLURALS[noun][lang]
    return f"{n} {one if n == 1 else many}"


def audience_label(audience: str, lang: Lang = "nl") -> str:
    if audience not in audiences():
        return audience
    entry = registry.get("audience", audience)
    return entry.label_en if lang == "en" else entry.label_nl
