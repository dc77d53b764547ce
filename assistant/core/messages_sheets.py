"""Messages about Excel workbooks, CBS StatLine and alias files: code -> (nl, nl fix, en, en fix)."""

from __future__ import annotations

SIZE = ("sla alleen het werkblad met de tabel op in een nieuwe werkmap, of exporteer het werkblad als CSV",
        "save only the table's sheet in a new workbook, or export the sheet as CSV")
PER_YEAR = ("geef het jaar mee met --year 2019", "pass it with --year 2019")

SHEETS: dict[str, tuple[str, str, str, str]] = {
    "xlsx.no_sheet": ("{file}: er is geen werkblad '{sheet}' (werkbladen: {sheets})",
                      "kies er een met --sheet, bijvoorbeeld --sheet '{first}'",
                      "{file}: there is no sheet '{sheet}' (sheets: {sheets})",
                      "pass one of these with --sheet, e.g. --sheet '{first}'"),
    "xlsx.empty_sheet": ("{file}: het werkblad is leeg", "zet de tabel op het eerste werkblad, of geef --sheet mee",
                         "{file}: the sheet is empty", "put the table on the first sheet, or pass --sheet"),
    "xlsx.too_many_columns": ("{at} heeft {have} kolommen; Duiding leest er hoogstens {most}",
                              "splits de tabel, of zet hem in het lange formaat",
                              "{at} has {have} columns; Duiding reads at most {most}",
                              "split the table, or put it in the long format"),
    "xlsx.header_only": ("{file}: alleen een kopregel, geen rijen", "zet de rijen onder de kopregel{other}",
                         "{file}: header only, no rows", "add the rows below the header{other}"),
    "xlsx.not_workbook": ("{file}: geen Excel-werkmap (.xlsx) en ook geen tekst",
                          "open het in Excel en sla het op als .xlsx, of exporteer de tabel als CSV",
                          "{file}: not an Excel workbook (.xlsx), and not text either",
                          "open it in Excel and save it as .xlsx, or export the table as CSV"),
    "xlsx.is_text": ("{file}: dit is een tekstbestand, geen Excel-werkmap",
                     "noem het {stem}.csv en laad dat, of sla het in Excel op als .xlsx",
                     "{file}: this is a text file, not an Excel workbook",
                     "rename it to {stem}.csv and import that, or save it from Excel as .xlsx"),
    "xlsx.lost_formula": ("{file}: cel {cell} heeft een formule zonder opgeslagen uitkomst{more}",
                          "open het bestand in Excel of LibreOffice en sla het op (dan worden de uitkomsten bewaard), "
                          "of plak alleen waarden",
                          "{file}: cell {cell} holds a formula without a saved result{more}",
                          "open the file in Excel or LibreOffice and save it (that stores the results), or paste "
                          "values only"),
    "xlsx.merged_header": ("{file}: samengevoegde cellen in de kopregel {cells}",
                           "maak ze los en geef elke kolom een eigen naam in één kopregel",
                           "{file}: merged header cells {cells}",
                           "unmerge them and give every column its own name in one header row"),
    "xlsx.too_many_parts": ("{file}: de werkmap heeft {have} delen; Duiding opent er hoogstens {most}", SIZE[0],
                            "{file}: the workbook has {have} parts; Duiding opens at most {most}", SIZE[1]),
    "xlsx.too_big_unpacked": ("{file}: de werkmap wordt uitgepakt {have} MB; Duiding opent hoogstens {most} MB",
                              SIZE[0], "{file}: the workbook unpacks to {have} MB; Duiding opens at most {most} MB",
                              SIZE[1]),
    "xlsx.zip_bomb": ("{file}: het deel {part} is {ratio}:1 gecomprimeerd, meer dan een echt werkblad ooit is (een "
                      "zipbom?)", SIZE[0], "{file}: the part {part} is compressed {ratio}:1, more than a real sheet "
                      "ever is (a zip bomb?)", SIZE[1]),
    "xlsx.macros": ("{file}: de werkmap bevat macro's ({part}); Duiding opent geen werkmappen met macro's",
                    "sla hem in Excel op als 'Excel-werkmap (.xlsx)' (zonder macro's), of exporteer het werkblad "
                    "als CSV",
                    "{file}: the workbook contains macros ({part}); Duiding does not open workbooks with macros",
                    "save it in Excel as 'Excel Workbook (.xlsx)' (without macros), or export the sheet as CSV"),
    "xlsx.doctype": ("{file}: het deel {part} noemt een XML-doctype of -entiteit (externe entiteiten weigert Duiding)",
                     "open de werkmap in Excel of LibreOffice en sla hem opnieuw op als .xlsx",
                     "{file}: the part {part} declares an XML doctype or entity (external entities are refused)",
                     "open the workbook in Excel or LibreOffice and save it again as .xlsx"),
    "statline.offline": ("CBS StatLine is niet bereikbaar",
                         "controleer je internetverbinding, of download de CSV en gebruik `duiding ingest tables`",
                         "CBS StatLine is not reachable",
                         "check your internet connection, or download the CSV and use `duiding ingest tables`"),
    "statline.unknown_year": ("Van {table} weet Duiding het jaar niet (geen bekende KWB-tabel)", PER_YEAR[0],
                              "{table} is not a KWB table Duiding knows the year of", PER_YEAR[1]),
    "statline.no_rows": ("StatLine {table}: geen rijen voor {gemeente}",
                         "controleer de gemeentecode (Den Haag is GM0518)",
                         "StatLine {table}: no rows for {gemeente}", "check the gemeente code (Den Haag is GM0518)"),
    "statline.no_table": ("StatLine heeft geen tabel {table}", "controleer het tabelnummer, bijvoorbeeld 84583NED",
                          "StatLine has no table {table}", "check the table id, e.g. 84583NED"),
    "aliases.unreadable": ("{file} is geen leesbaar bestand met bijnamen ({detail})",
                           "verbeter de YAML of haal het bestand weg",
                           "{file}: not a readable alias file ({detail})", "fix the YAML or remove the file"),
    "aliases.incomplete": ("{file}: regel {n} heeft alias, means en gemeente nodig",
                           "zie de uitleg bovenin het meegeleverde bestand",
                           "{file}: entry {n} needs alias, means and gemeente", "see the shipped file's header"),
}
