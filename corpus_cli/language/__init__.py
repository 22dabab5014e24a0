"""Language: folding, the transliteration key, dates in text, the gazetteer of places, and who
is quoted (speakers)."""
