"""Analysis over the index: the timeline and near-duplicates."""
