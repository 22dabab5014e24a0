"""Output: the records (fixed JSON keys), the table/json/jsonl/csv/geojson writers, the one sanitiser for
terminals and spreadsheets, and the progress bar."""

FORMATS = ("table", "json", "jsonl", "csv")  # what --format takes
MAP_FORMATS = FORMATS + ("geojson",)  # for records with a point (corpus places)
