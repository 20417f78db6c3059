"""The messages of `catalogue.messages`: key -> (German, English). Placeholders in braces are the same in both."""

from __future__ import annotations

TABLE: dict[str, tuple[str, str]] = {
    # The YAML reader (catalogue/yamlfile.py)
    "yaml.too_big": (
        "die Datei hat {size} KB; ein Eintrag darf höchstens {limit} KB groß sein",
        "file is {size} KB; an entry may be at most {limit} KB",
    ),
    "yaml.empty": (
        "die Datei ist leer; ein Eintrag besteht aus Feldern wie 'name:' und 'repositories:'",
        "file is empty; an entry is a mapping of fields such as 'name:' and 'repositories:'",
    ),
    "yaml.not_utf8": (
        "die Datei ist nicht in UTF-8 gespeichert (Byte {byte}); speichern Sie sie als UTF-8",
        "file is not UTF-8 (byte {byte}); save it as UTF-8",
    ),
    "yaml.control_character": (
        "die Datei enthält das Steuerzeichen {codepoint}; entfernen Sie es",
        "the file contains the control character {codepoint}; remove it",
    ),
    "yaml.unreadable": ("YAML nicht lesbar: {detail}", "YAML could not be read: {detail}"),
    "yaml.too_deep": ("tiefer verschachtelt als {limit} Ebenen", "nesting is deeper than {limit} levels"),
    "yaml.holds_list": (
        "die Datei enthält eine Liste; ein Eintrag besteht aus Feldern wie 'name: ...'",
        "the file holds a list; an entry must be a mapping of fields such as 'name: ...'",
    ),
    "yaml.holds_value": (
        "die Datei enthält nur einen einzelnen Wert; ein Eintrag besteht aus Feldern wie 'name: ...'",
        "the file holds a single value; an entry must be a mapping of fields such as 'name: ...'",
    ),
    "yaml.several_documents": (
        "die Datei enthält mehrere YAML-Dokumente ('---'); ein Eintrag ist ein Dokument",
        "the file holds several YAML documents ('---'); an entry is one document",
    ),
    "yaml.anchor": (
        "Anker und Aliasse (& und *) sind in Einträgen nicht erlaubt; schreiben Sie den Wert aus",
        "anchors and aliases (& and *) are not allowed in entries; write the value out",
    ),
    "yaml.tag": ("der YAML-Tag {tag} ist in Einträgen nicht erlaubt; entfernen Sie ihn", "YAML tag {tag} is not allowed in entries; remove it"),
    "yaml.key_not_plain": (
        "ein Schlüssel muss ein einfacher Name sein, keine Liste und keine Zuordnung",
        "a key must be a plain name, not a list or mapping",
    ),
    "yaml.duplicate_key": (
        "Schlüssel '{key}' steht doppelt (zuerst in Zeile {first_line}); behalten Sie einen davon",
        "duplicate key '{key}' (first defined at line {first_line}); keep one of them",
    ),
    "yaml.yaml11_boolean": (
        'YAML-1.1-Programme lesen den Wert {text} ohne Anführungszeichen als Wahrheitswert {value}; schreiben Sie ihn in Anführungszeichen: "{text}"',
        'YAML 1.1 readers take the unquoted value {text} as the boolean {value}; write it in quotes: "{text}"',
    ),
    "yaml.yaml11_date": (
        'YAML-1.1-Programme lesen den Wert {text} ohne Anführungszeichen als Datum; schreiben Sie ihn in Anführungszeichen: "{text}"',
        'YAML 1.1 readers take the unquoted value {text} as a date; write it in quotes: "{text}"',
    ),
    "yaml.huge_number": (
        "die Zahl {start}… hat {digits} Stellen; kein Feld nimmt eine solche Zahl – ist es Text, schreiben Sie ihn in Anführungszeichen",
        "the number {start}… has {digits} digits; no field takes such a number – if it is text, write it in quotes",
    ),
    # YAML syntax errors, in plain words with the likely fix
    "yaml.syntax.tab": (
        "mit Tabulator eingerückt; YAML erlaubt zum Einrücken nur Leerzeichen",
        "a tab character is used for indentation; YAML allows only spaces",
    ),
    "yaml.syntax.colon_in_value": (
        "der Wert enthält einen Doppelpunkt mit Leerzeichen (': '), den YAML als neues Feld liest; "
        'setzen Sie den ganzen Wert in Anführungszeichen, z. B. name: "Parken: frei"',
        "the value contains a colon and a space (': '), which YAML reads as a new field; put the whole value in quotes, e.g. name: \"Parking: free\"",
    ),
    "yaml.syntax.unclosed_quote": (
        "das Anführungszeichen {quote} in Zeile {line}, Spalte {column} wird nicht geschlossen; "
        "setzen Sie am Ende des Werts ein zweites {quote} (steht das Zeichen im Text, nehmen Sie die andere Art Anführungszeichen)",
        "the quote {quote} at line {line}, column {column} is never closed; "
        "put a second {quote} at the end of the value (if the text contains it, use the other kind of quotes)",
    ),
    "yaml.syntax.no_colon": (
        "dieser Zeile fehlt der Doppelpunkt: ein Feld wird als 'name: Wert' geschrieben, ein Listeneintrag beginnt mit '- '",
        "this line has no colon: a field is written as 'name: value', a list item starts with '- '",
    ),
    "yaml.syntax.indentation": (
        "die Einrückung passt nicht: diese Zeile ist anders eingerückt als die Felder darüber; "
        "Felder auf derselben Ebene beginnen in derselben Spalte (Leerzeichen, keine Tabulatoren)",
        "the indentation does not fit: this line is indented differently from the fields above it; "
        "fields on the same level start in the same column (spaces, no tabs)",
    ),
    "yaml.syntax.text_after_quote": (
        "nach dem schließenden Anführungszeichen steht noch Text; setzen Sie den ganzen Wert in Anführungszeichen",
        "there is text after the closing quote; put the whole value in quotes",
    ),
    "yaml.syntax.reserved_start": (
        "ein Wert darf nicht mit {character} beginnen; setzen Sie ihn in Anführungszeichen",
        "a value cannot start with {character}; put it in quotes",
    ),
    "yaml.syntax.flow_not_closed": (
        "die Liste oder Zuordnung in Klammern ab Zeile {line} ist nicht geschlossen, oder ein Eintrag darin enthält ',' oder ': '; "
        "schließen Sie die Klammer oder setzen Sie den Eintrag in Anführungszeichen",
        "the bracketed list or mapping from line {line} is not closed, or an item in it contains ',' or ': '; close the bracket or put the item in quotes",
    ),
    "yaml.syntax.block_header": (
        "nach '|' oder '>' steht der Text in den folgenden, eingerückten Zeilen, nicht in derselben Zeile",
        "after '|' or '>' the text goes on the following, indented lines, not on the same line",
    ),
    "yaml.syntax.other": (
        "YAML-Syntaxfehler ({detail}); prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser und der Zeile darüber",
        "YAML syntax error ({detail}); check indentation, colons and quotes on this line and the one above",
    ),
    # Entry files (catalogue/entries.py)
    "entries.no_folder": ("den Ordner der Einträge gibt es nicht: {path}", "the folder of the entries does not exist: {path}"),
    "entries.no_such_path": ("Datei oder Ordner gibt es nicht: {path}", "no such file or directory: {path}"),
    "entries.symlink": (
        "die Datei ist ein symbolischer Link; Einträge sind gewöhnliche Dateien in entries/ – ersetzen Sie den Link durch die Datei",
        "the file is a symbolic link; entries are plain files in entries/ – replace the link with the file",
    ),
    "entries.not_a_file": ("das ist keine gewöhnliche Datei; ein Eintrag ist eine YAML-Datei", "this is not a regular file; an entry is a YAML file"),
    "entries.cannot_read": ("die Datei ist nicht lesbar: {reason}", "cannot read the file: {reason}"),
    "entries.suffix": ("Eintragsdateien enden auf {suffix}; benennen Sie sie in {name} um", "entry files end in {suffix}; rename it to {name}"),
    "entries.bad_file_name": (
        "der Dateiname '{stem}' ist keine gültige Kennung: Kleinbuchstaben, Ziffern und einzelne Bindestriche (3–63 Zeichen), z. B. giess-den-kiez",
        "file name '{stem}' is not a valid id: use lowercase letters, digits and single hyphens (3-63 characters), e.g. giess-den-kiez",
    ),
    "entries.required": ("Pflichtfeld fehlt ({title})", "required field is missing ({title})"),
    "entries.unknown_field_guess": ("unbekanntes Feld{where} – meinten Sie '{guess}'?", "unknown field{where} - did you mean '{guess}'?"),
    "entries.unknown_field_list": ("unbekanntes Feld{where}; erlaubt sind: {allowed}", "unknown field{where}; allowed are: {allowed}"),
    "entries.unknown_field_where": (" in '{path}'", " in '{path}'"),
    "entries.too_long": ("ist {length} Zeichen lang; erlaubt sind höchstens {limit}", "is {length} characters long; at most {limit} are allowed"),
    "entries.too_short": ("ist zu kurz; schreiben Sie mindestens {limit} Zeichen", "is too short; write at least {limit} characters"),
    "entries.not_https": ("'{value}': {problem}", "'{value}': {problem}"),
    "entries.licence_ref_needs_url": (
        "{refs} ist keine Lizenz der SPDX-Liste; geben Sie unter 'licence_url' die https-Adresse des Lizenztexts an",
        "{refs} is not on the SPDX licence list; give the https address of the licence text in 'licence_url'",
    ),
    "entries.pattern": ("'{value}' ist nicht gültig; {hint}", "'{value}' is not valid; {hint}"),
    "entries.pattern_generic": ("hat nicht die verlangte Form", "does not have the required form"),
    "entries.list_empty": ("die Liste ist leer; nennen Sie mindestens {limit}", "list is empty; give at least {limit}"),
    "entries.list_too_long": ("die Liste hat {count} Einträge; erlaubt sind höchstens {limit}", "list has {count} items; at most {limit} are allowed"),
    "entries.list_repeats": (
        "die Liste nennt denselben Eintrag zweimal; streichen Sie die Wiederholung",
        "list names the same item twice; remove the repetition",
    ),
    "entries.year_range": (
        "{value} liegt außerhalb des Bereichs; erwartet ist ein Jahr zwischen {minimum} und {maximum}",
        "{value} is out of range; expected a year between {minimum} and {maximum}",
    ),
    "entries.contact": (
        "nennen Sie eine 'email' (eine Funktionsadresse genügt) oder die 'url' einer Kontaktseite",
        "give an 'email' (a role address is enough) or a 'url' of a contact page",
    ),
    "entries.schema_other": ("entspricht nicht dem Format ({detail})", "does not match the format ({detail})"),
    "entries.expected_text": (
        'erwartet ist Text, aber YAML liest {reading} aus {shown}; schreiben Sie ihn in Anführungszeichen: "{shown}"',
        'expected text, but YAML read {reading} from {shown}; write it in quotes: "{shown}"',
    ),
    "entries.expected_year_got_date": (
        "hier steht nur das Jahr, ohne Anführungszeichen: schreiben Sie {year} statt {shown}",
        "only the year goes here, without quotes: write {year} instead of {shown}",
    ),
    "entries.expected_integer": ("erwartet ist eine ganze Zahl wie 2021, gefunden: {reading}", "expected a whole number such as 2021, but found {reading}"),
    "entries.expected_list": (
        "erwartet ist eine Liste (Zeilen, die mit '- ' beginnen), gefunden: {reading}",
        "expected a list (lines starting with '- '), but found {reading}",
    ),
    "entries.expected_mapping": (
        "erwartet sind Felder (Zeilen 'schlüssel: wert'), gefunden: {reading}",
        "expected a mapping of fields (key: value lines), but found {reading}",
    ),
    "entries.expected_other": ("erwartet ist {expected}, gefunden: {reading}", "expected {expected}, but found {reading}"),
    "reading.empty": ("ein leerer Wert", "an empty value"),
    "reading.boolean": ("der Wahrheitswert {value}", "the boolean {value}"),
    "reading.number": ("die Zahl {value}", "the number {value}"),
    "reading.list": ("eine Liste", "a list"),
    "reading.mapping": ("Felder (eine Zuordnung)", "a mapping"),
    "reading.text": ("der Text '{value}'", "the text '{value}'"),
    "entries.enum": ("'{value}' ist kein bekannter Wert für {title}", "'{value}' is not a known value for {title}"),
    "entries.enum_guess": ("{message} – meinten Sie '{guess}'?", "{message} - did you mean '{guess}'?"),
    "entries.enum_list": ("{message}; erlaubt sind: {allowed}", "{message}; allowed are: {allowed}"),
    "entries.enum_docs": ("{message}; die Liste steht in docs/format.md", "{message}; see docs/format.md for the list"),
    "entries.this_field": ("dieses Feld", "this field"),
    "entries.file_missing": (
        "die Datei '{value}' liegt nicht neben dem Eintrag; legen Sie sie dazu oder geben Sie eine https://-Adresse an",
        "file '{value}' does not exist beside the entry; add it or give an https:// address",
    ),
    "entries.unsafe_characters": (
        "enthält Steuer- oder Schreibrichtungszeichen; entfernen Sie sie",
        "contains control or text-direction characters; remove them",
    ),
    "entries.needs_ags": (
        "zu einer {kind} gehört ihr achtstelliger Amtlicher Gemeindeschlüssel in 'organisation.ags'",
        "a {kind} needs its 8-digit Amtlicher Gemeindeschlüssel in 'organisation.ags'",
    ),
    "entries.ags_state": ("der AGS {ags} gehört zu {expected}, nicht zu {state}", "AGS {ags} belongs to {expected}, not to {state}"),
    "entries.landkreis_ags": ('der AGS eines Landkreises endet auf 000 (z. B. "09162000")', 'the AGS of a Landkreis ends in 000 (e.g. "09162000")'),
    "entries.duplicate_id": (
        "die Kennung '{entry_id}' gibt es doppelt: {other} hat dieselbe; benennen Sie eine der Dateien um",
        "duplicate id '{entry_id}': {other} has the same id; rename one of them",
    ),
    "entries.related_self": ("ein Eintrag kann nicht mit sich selbst verwandt sein", "an entry cannot be related to itself"),
    "entries.related_unknown": ("es gibt keinen Eintrag mit der Kennung '{related}'{hint}", "no entry has the id '{related}'{hint}"),
    "entries.related_guess": (" – meinten Sie '{guess}'?", " - did you mean '{guess}'?"),
    "entries.repository_twice": (
        "dieses Repository steht schon in {other}; ein Repository gehört zu genau einem Eintrag (verknüpfen Sie die Einträge mit 'related')",
        "this repository is already listed in {other}; a repository belongs to one entry (use 'related' to link them)",
    ),
    "entries.mirror_first": (
        "das erste Repository ist das kanonische; ein Spiegel ('spiegel') steht hinter dem Repository, das er spiegelt",
        "the first repository is the canonical one; a mirror ('spiegel') goes after the repository it mirrors",
    ),
    "entries.reuse_by_developer": (
        "die entwickelnde Organisation selbst ist keine Nachnutzung; tragen Sie hier nur andere Stellen ein",
        "the developing organisation itself is not a reuse; list other bodies only",
    ),
    "entries.since_future": (
        "{since} liegt in der Zukunft; nennen Sie das Jahr, seit dem die Stelle die Lösung nutzt",
        "{since} is in the future; give the year since which the body uses the solution",
    ),
    "entries.reviewed_future": (
        "{reviewed} liegt in der Zukunft; nennen Sie den Monat der letzten Prüfung",
        "{reviewed} is in the future; give the month of the last review",
    ),
    "entries.contract_needs_contractors": (
        "bei 'contract' gehören die Dienstleister mit Vertragsende in 'maintenance.contractors'",
        "with 'contract', the contractors and the end of their contract go in 'maintenance.contractors'",
    ),
    "entries.contractors_without_contract": (
        "Dienstleister gibt es nur bei 'type: contract' (so verlangt es publiccode.yml)",
        "contractors exist only with 'type: contract' (as publiccode.yml requires)",
    ),
    "entries.not_a_date": ("'{value}' ist kein Datum; schreiben Sie es als JJJJ-MM-TT", "'{value}' is not a date; write it as YYYY-MM-DD"),
    # Hints for fields with a fixed form (catalogue/schema.py x-hint)
    "hint.https": ("schreiben Sie eine vollständige https://-Adresse", "write a full https:// address"),
    "hint.ags": (
        'schreiben Sie den achtstelligen AGS in Anführungszeichen, z. B. "05315000" für Köln',
        'write the 8-digit AGS in quotes, e.g. "05315000" for Köln',
    ),
    "hint.file_or_https": (
        "geben Sie eine https://-Adresse an oder den Namen einer .png-, .jpg-, .svg- oder .webp-Datei neben dem Eintrag",
        "give an https:// address or a .png/.jpg/.svg/.webp file name beside the entry",
    ),
    "hint.email": ("schreiben Sie eine Adresse wie smartcity@example.de", "write an address like smartcity@example.de"),
    "hint.language": ("nehmen Sie ein Kürzel aus zwei Buchstaben wie de oder en", "use a two-letter code such as de or en"),
    "hint.date": ('schreiben Sie das Datum in Anführungszeichen, z. B. "2026-06-30"', 'write the date in quotes, e.g. "2026-06-30"'),
    "hint.year_month": ('schreiben Sie Jahr und Monat in Anführungszeichen, z. B. "2026-11"', 'write year and month in quotes, e.g. "2026-11"'),
    "hint.id": ("eine Kennung ist der Dateiname eines anderen Eintrags ohne .yaml", "an id is the file name of another entry without .yaml"),
    # Addresses (catalogue/urls.py)
    "url.scheme": (
        "'{scheme}'-Adressen sind nicht erlaubt; schreiben Sie eine vollständige https://-Adresse",
        "'{scheme}' addresses are not allowed; write a full https:// address",
    ),
    "url.http": (
        "unverschlüsseltes http:// wird nicht angenommen; schreiben Sie die https://-Adresse",
        "plain http:// is not accepted; write the https:// address",
    ),
    "url.ssh": (
        "SSH- und git://-Adressen werden nicht angenommen; schreiben Sie die https://-Klon-Adresse",
        "SSH and git:// URLs are not accepted; write the https:// clone URL",
    ),
    "url.transport": (
        "Git-Transporthelfer ('ext::', 'fd::') sind nicht erlaubt; schreiben Sie die https://-Klon-Adresse",
        "git transport helpers ('ext::', 'fd::') are not allowed; write the https:// clone URL",
    ),
    "url.not_https": ("schreiben Sie eine vollständige https://-Adresse", "write a full https:// address"),
    "url.spaces": ("die Adresse enthält Leer- oder Steuerzeichen", "the URL contains spaces or control characters"),
    "url.credentials": (
        "die Adresse enthält einen Benutzernamen oder ein Passwort; schreiben Sie sie ohne Zugangsdaten",
        "the URL contains a user name or password; write it without credentials",
    ),
    "url.query": (
        "eine Git-Adresse hat kein ?query und kein #fragment; schreiben Sie die Klon-Adresse des Repositorys",
        "a Git URL has no ?query or #fragment; write the repository's clone URL",
    ),
    "url.no_repository": ("die Adresse nennt einen Server, aber kein Repository", "the URL names a host but no repository"),
    "url.bad_path": ("der Pfad des Repositorys ist nicht gültig", "the repository path is not valid"),
    "url.download": (
        "das sieht nach einem Download oder einer Webseite aus, nicht nach einem Git-Repository; schreiben Sie die Klon-Adresse",
        "this looks like a download or web page, not a Git repository; write the clone URL",
    ),
    "url.no_host": ("die Adresse hat keinen Server", "the URL has no host"),
    "url.local_name": (
        "'{host}' ist ein lokaler Servername; Repositorys müssen auf einem öffentlichen Git-Server liegen",
        "'{host}' is a local host name; repositories must be on a public Git host",
    ),
    "url.private_address": (
        "{host} ist eine Loopback-, private oder reservierte Adresse; Repositorys müssen auf einem öffentlichen Git-Server liegen",
        "{host} is a loopback, private or reserved address; repositories must be on a public Git host",
    ),
    "url.ip_address": ("schreiben Sie den Namen des Servers, nicht seine IP-Adresse", "write the host's name, not an IP address"),
    "url.owner_form": (
        "eine Repository-Adresse bei {host} hat die Form https://{host}/<owner>/<repository>",
        "a {host} repository URL has the form https://{host}/<owner>/<repository>",
    ),
    "url.group_form": (
        "eine GitLab-Repository-Adresse hat die Form https://{host}/<group>/<project> (ohne /-/...)",
        "a GitLab repository URL has the form https://{host}/<group>/<project> (without /-/...)",
    ),
    # Descriptions (catalogue/markdown_text.py)
    "markdown.html": (
        "HTML ist in Beschreibungen nicht erlaubt (gefunden: '{tag}'); schreiben Sie Markdown",
        "raw HTML is not allowed in descriptions (found '{tag}'); use Markdown",
    ),
    "markdown.scheme": (
        "das Linkziel '{scheme}:...' ist nicht erlaubt; Links beginnen mit https://, http:// oder mailto:",
        "link target '{scheme}:...' is not allowed; links may use https://, http:// or mailto:",
    ),
    # Findings as text (catalogue/findings.py)
    "finding.field": ("Feld '{field}'", "field '{field}'"),
    "finding.entry": ("Eintrag", "entry"),
    "finding.warning": ("Warnung", "warning"),
    # The command line (catalogue/cli.py)
    "cli.description": ("Smart-City-Katalog: Einträge, Ernte, Website und Exporte.", "Smart-City-Katalog: entries, harvest, site and exports."),
    "cli.help.debug": ("bei einem unerwarteten Fehler den vollständigen Traceback zeigen", "show the full traceback of an unexpected error"),
    "cli.help.lang": ("Sprache der Meldungen: de (Standard) oder en", "language of the messages: de (default) or en"),
    "cli.help.validate": (
        "Eintragsdateien prüfen und jedes Problem mit Datei, Zeile und Feld melden",
        "check entry files and report every problem with file, line and field",
    ),
    "cli.help.paths": ("Eintragsdateien oder Ordner (Standard: entries/)", "entry files or directories (default: entries/)"),
    "cli.help.base": (
        "Vergleichsstand (z. B. origin/main): Probleme zwischen Einträgen stehen an der neuen oder geänderten Datei",
        "base to compare with (e.g. origin/main): problems between entries are put on the new or changed file",
    ),
    "cli.help.harvest_dir_validate": (
        "Ernte-Datensätze, die mit den Einträgen geprüft werden (Standard: harvest/)",
        "harvest records checked with the entries (default: harvest/)",
    ),
    "cli.help.new": ("einen neuen, gültigen Eintrag aus Angaben oder ein paar Fragen schreiben", "write a new, valid entry from flags or a few questions"),
    "cli.help.entries": ("Ordner der Einträge (Standard: entries/)", "directory of the entries (default: entries/)"),
    "cli.help.interactive": (
        "fehlende Angaben auch dann erfragen, wenn keine Konsole angeschlossen ist",
        "ask for missing answers even when stdin is not a terminal",
    ),
    "cli.help.resume": ("mit den Antworten eines abgebrochenen Laufs weitermachen (Entwurfsdatei)", "continue with the answers of an aborted run (draft file)"),
    "cli.help.field": ("Handlungsfeld (wiederholbar, bis zu 3)", "Handlungsfeld (repeatable, up to 3)"),
    "cli.help.harvest": (
        "Lizenz- und Aktivitätsfakten aus den Git-Repositorys der Einträge lesen",
        "read licence and activity facts from the entries' Git repositories",
    ),
    "cli.help.report": (
        "Förderbedingung je Eintrag, veraltete Ernten und fehlende Fakten",
        "the funding condition per entry, stale harvests and missing facts",
    ),
    "cli.help.transfers": (
        "Nachnutzungen aus used_by, dazu Forks anderer Organisationen (Kandidaten)",
        "reuse relations from used_by, plus forks by other organisations (candidates)",
    ),
    "cli.help.export": ("api/ (JSON, CSV, Atom, publiccode.yml) in einen Ordner schreiben", "write api/ (JSON, CSV, Atom, publiccode.yml) into a folder"),
    "cli.help.import": ("einen Eintrag aus einer publiccode.yml anlegen", "create an entry from a publiccode.yml"),
    "cli.no_such_path": ("catalogue {command}: Datei oder Ordner gibt es nicht: {path}", "catalogue {command}: no such file or directory: {path}"),
    "cli.valid": ("{count} Einträge gültig", "{count} entries valid"),
    "cli.errors": ("{errors} Fehler in {files} Datei(en)", "{errors} error(s) in {files} file(s)"),
    "cli.interrupted": ("catalogue {command}: abgebrochen", "catalogue {command}: interrupted"),
    "cli.bug": (
        "catalogue {command}: unerwarteter Fehler ({what}). Das ist ein Fehler im Programm – bitte melden, mit diesem Satz "
        "und dem Aufruf mit --debug (catalogue {version}, Python {python}, {system}).",
        "catalogue {command}: unexpected error ({what}). This is a bug in the program – please report it with this sentence "
        "and the call with --debug (catalogue {version}, Python {python}, {system}).",
    ),
    "cli.usage_error": ("catalogue: {detail} (Hilfe: catalogue --help)", "catalogue: {detail} (help: catalogue --help)"),
    "cli.no_entry_id": ("catalogue harvest: es gibt keinen Eintrag mit der Kennung '{entry_id}'", "catalogue harvest: no entry has the id '{entry_id}'"),
    "cli.mirror_form": (
        "catalogue harvest: --mirror braucht LOKAL=ÖFFENTLICH, z. B. http://127.0.0.1:9418/=https://github.com/",
        "catalogue harvest: --mirror takes LOCAL=PUBLIC, e.g. http://127.0.0.1:9418/=https://github.com/",
    ),
    "cli.fail_on": ("catalogue report: {count} Einträge erfüllen --fail-on {rules}: {ids}", "catalogue report: {count} entries fail --fail-on {rules}: {ids}"),
    "cli.exported": ("{count} Dateien geschrieben unter {path}", "{count} files written under {path}"),
    # catalogue new
    "new.ask.id": ("Kennung (Dateiname, z. B. giess-den-kiez)", "Id (file name, e.g. giess-den-kiez)"),
    "new.ask.name": ("Name der Lösung", "Name of the solution"),
    "new.ask.short_description": ("Kurzbeschreibung (10 bis 200 Zeichen)", "Short description (10 to 200 characters)"),
    "new.ask.description": (
        "Beschreibung: Zweck, Funktionen, Voraussetzungen (mindestens 20 Zeichen; leer = Kurzbeschreibung übernehmen)",
        "Description: purpose, features, requirements (at least 20 characters; empty = use the short description)",
    ),
    "new.ask.repository": ("Git-Adresse des Repositorys (https://...)", "Git address of the repository (https://...)"),
    "new.ask.organisation": ("Entwickelnde Organisation", "Developing organisation"),
    "new.ask.organisation_type": ("Art der Organisation", "Kind of organisation"),
    "new.ask.ags": (
        "AGS (8 Ziffern; bei Kommune und Landkreis nötig, sonst leer lassen)",
        "AGS (8 digits; needed for Kommune and Landkreis, else leave empty)",
    ),
    "new.ask.fields": ("Handlungsfelder (1 bis 3, durch Komma getrennt)", "Handlungsfelder (1 to 3, separated by commas)"),
    "new.ask.licence": ("Lizenz (SPDX, z. B. MIT, EUPL-1.2)", "Licence (SPDX, e.g. MIT, EUPL-1.2)"),
    "new.ask.roadmap_phase": ("Phase der Skalierungsroadmap", "Phase of the scaling roadmap"),
    "new.ask.development_status": ("Entwicklungsstand", "Development status"),
    "new.missing_answer": ("bitte eine Antwort geben", "please give an answer"),
    "new.too_many": ("höchstens {limit} nennen", "name at most {limit}"),
    "new.length": ("hat {length} Zeichen; erlaubt sind {low} bis {high}", "has {length} characters; {low} to {high} are allowed"),
    "new.choice": (
        "'{value}' ist keiner der erlaubten Werte{hint}; erlaubt sind: {allowed}",
        "'{value}' is not one of the allowed values{hint}; allowed are: {allowed}",
    ),
    "new.choice_guess": (" (meinten Sie '{guess}'?)", " (did you mean '{guess}'?)"),
    "new.bad_id": (
        "'{value}' ist keine gültige Kennung: Kleinbuchstaben, Ziffern und einzelne Bindestriche, 3 bis 63 Zeichen",
        "'{value}' is not a valid id: lowercase letters, digits and single hyphens, 3 to 63 characters",
    ),
    "new.id_taken": ("{path} gibt es schon; wählen Sie eine andere Kennung", "{path} exists already; choose another id"),
    "new.repository_listed": (
        "dieses Repository steht schon in {path}; ergänzen Sie dort, statt einen zweiten Eintrag anzulegen",
        "this repository is already listed in {path}; add to that entry instead of writing a second one",
    ),
    "new.ags_needed": ("zu einer {kind} gehört ihr AGS (8 Ziffern)", "a {kind} needs its AGS (8 digits)"),
    "new.ags_length": (
        "'{value}' hat {length} Zeichen; ein AGS hat genau 8 Ziffern (z. B. 05315000 für Köln, mit führender Null)",
        "'{value}' has {length} characters; an AGS has exactly 8 digits (e.g. 05315000 for Köln, with its leading zero)",
    ),
    "new.ags_land": (
        "'{value}' beginnt mit {prefix}, aber die ersten zwei Ziffern eines AGS nennen das Land (01 bis 16)",
        "'{value}' starts with {prefix}, but the first two digits of an AGS name the Land (01 to 16)",
    ),
    "new.problem": ("  {problem}", "  {problem}"),
    "new.flag_problem": ("catalogue new: --{flag}: {problem}", "catalogue new: --{flag}: {problem}"),
    "new.flag_missing": ("catalogue new: --{flag} fehlt{choices}", "catalogue new: --{flag} is missing{choices}"),
    "new.flag_choices": (" (eine von: {allowed})", " (one of: {allowed})"),
    "new.no_folder": (
        "catalogue new: den Ordner der Einträge gibt es nicht: {path}; legen Sie ihn an oder nennen Sie ihn mit --entries",
        "catalogue new: the folder of the entries does not exist: {path}; create it or name it with --entries",
    ),
    "new.similar": (
        "Ähnliche Einträge gibt es schon – bitte prüfen, ob Ihre Lösung dabei ist:",
        "Similar entries exist already – please check whether yours is one:",
    ),
    "new.similar_item": ("  {name} ({path})", "  {name} ({path})"),
    "new.draft_written": (
        "catalogue new: abgebrochen; Ihre Antworten stehen in {path}. Weiter mit: catalogue new --interactive --resume {path}",
        "catalogue new: aborted; your answers are in {path}. Continue with: catalogue new --interactive --resume {path}",
    ),
    "new.aborted_nothing": ("catalogue new: abgebrochen; es wurde nichts geschrieben", "catalogue new: aborted; nothing was written"),
    "new.bad_draft": ("catalogue new: der Entwurf {path} ist nicht lesbar: {reason}", "catalogue new: the draft {path} cannot be read: {reason}"),
    "new.written_invalid": (
        "{path} geschrieben; beheben Sie die Probleme oben, bevor Sie einen Pull Request öffnen",
        "{path} written; fix the problems above before you open a pull request",
    ),
    "new.written": (
        "{path} geschrieben und gültig; ergänzen Sie, was Sie sonst wissen (Nachnutzung, Dokumentation, Kontakt).",
        "{path} written and valid; add what else you know (reuse, documentation, contact).",
    ),
    # Changed files of a pull request (catalogue/changes.py)
    "changes.git_failed": (
        "der Vergleich mit dem Basisstand (--base) ist nicht möglich: {detail}",
        "cannot compare with the base (--base): {detail}",
    ),
    "changes.unknown_base": (
        "catalogue validate: Warnung: {reason}; Probleme zwischen Einträgen stehen an beiden Dateien",
        "catalogue validate: warning: {reason}; problems between entries are put on both files",
    ),
}
