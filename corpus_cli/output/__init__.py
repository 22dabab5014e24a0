"""Output: the records (fixed JSON keys), the table/json/jsonl/csv writers, the one sanitiser for
terminals and spreadsheets, and the progress bar."""

FORMATS = ("table", "json", "jsonl", "csv")  # what --format takes
