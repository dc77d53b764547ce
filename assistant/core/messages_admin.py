"""Messages for whoever runs Duiding (bind, tokens, ports, start-up): code -> (nl, nl fix, en, en fix)."""

from __future__ import annotations

ADMIN: dict[str, tuple[str, str, str, str]] = {
    "security.unsafe_bind": ("Duiding luistert niet op {host} zonder API-token",
                             "zet DUIDING_API_TOKEN op een lang willekeurig geheim (bijvoorbeeld "
                             "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`), maak tokens per "
                             "gebruiker met `duiding tokens add NAAM`, of luister op 127.0.0.1",
                             "Duiding will not listen on {host} without an API token",
                             "set DUIDING_API_TOKEN to a long random secret (e.g. "
                             "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`), or make user tokens "
                             "with `duiding tokens add NAME`, or bind to 127.0.0.1"),
    "security.unauthorized": ("Het API-token ontbreekt of klopt niet",
                              "stuur de kop `Authorization: Bearer <token>` mee met je eigen token (een beheerder "
                              "maakt er een met `duiding tokens add NAAM`) of het DUIDING_API_TOKEN",
                              "Missing or wrong API token",
                              "send the header `Authorization: Bearer <token>` with your own token (an administrator "
                              "makes one with `duiding tokens add NAME`) or the DUIDING_API_TOKEN"),
    "security.rate_limited": ("Te veel verzoeken voor het token '{name}'",
                              "wacht {wait} s en probeer het opnieuw; een beheerder kan "
                              "DUIDING_RATE_LIMIT_PER_MINUTE verhogen",
                              "Too many requests for token '{name}'",
                              "wait {wait} s and try again; an administrator can raise DUIDING_RATE_LIMIT_PER_MINUTE"),
    "security.cross_site": ("Verzoeken vanaf een andere webpagina mogen Duiding niet veranderen",
                            "gebruik de API vanuit het Duiding-scherm, een script of /docs; of zet de herkomst van de "
                            "pagina in DUIDING_CORS_ORIGINS",
                            "Requests from another web page may not change Duiding",
                            "call the API from the Duiding UI, a script or /docs; or list the page's origin in "
                            "DUIDING_CORS_ORIGINS"),
    "security.foreign_host": ("Verzoeken voor de host '{host}' worden hier niet beantwoord",
                              "open Duiding als http://127.0.0.1 of http://localhost, of zet de hostnaam in "
                              "DUIDING_ALLOWED_HOSTS (een JSON-lijst: '[\"duiding.lan\"]')",
                              "Requests for host '{host}' are not served here",
                              "open Duiding as http://127.0.0.1 or http://localhost, or list the host name in "
                              "DUIDING_ALLOWED_HOSTS (a JSON list: '[\"duiding.lan\"]')"),
    "search.cannot_rebuild_locked": ("De zoekindex kan niet opnieuw gebouwd worden: {reason}",
                                     "stop het andere Duiding-programma (`duiding serve` of `duiding run`) en voer "
                                     "dan `duiding stories reindex` uit",
                                     "The search index cannot be rebuilt: {reason}",
                                     "stop the other Duiding process (`duiding serve` or `duiding run`), then run "
                                     "`duiding stories reindex`"),
    "search.cannot_rebuild_read_only": ("De zoekindex kan niet opnieuw gebouwd worden: {reason}",
                                        "maak {folder} schrijfbaar (`chmod -R u+w`) en voer dan "
                                        "`duiding stories reindex` uit",
                                        "The search index cannot be rebuilt: {reason}",
                                        "make {folder} writable (`chmod -R u+w`), then run `duiding stories reindex`"),
    "search.cannot_move": ("De kapotte zoekindex {folder} kan niet opzij gezet worden ({detail})",
                           "maak {parent} schrijfbaar en voer `duiding stories reindex` opnieuw uit",
                           "The broken search index {folder} cannot be moved aside ({detail})",
                           "make {parent} writable and run `duiding stories reindex` again"),
    "launch.port_in_use": ("Poort {port} op {host} is al in gebruik, dus {what} kan niet starten",
                           "stop het programma dat hem gebruikt, of kies een andere poort met {option}",
                           "Port {port} on {host} is already in use, so {what} cannot start",
                           "stop the program that uses it, or choose another port with {option}"),
    "launch.stopped": ("{what} stopte tijdens het starten (afsluitcode {code})",
                       "lees de regels hierboven voor de reden",
                       "{what} stopped while starting (exit code {code})", "read the lines above for the reason"),
    "launch.no_answer": ("{what} antwoordde niet op {url} binnen {seconds} s",
                         "lees de regels hierboven, of probeer het opnieuw met DUIDING_LLM=none",
                         "{what} did not answer at {url} within {seconds} s",
                         "read the lines above, or try again with DUIDING_LLM=none"),
}
