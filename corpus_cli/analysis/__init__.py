"""Analysis over the index: the timeline and near-duplicates."""

TIMELINE_BY = ("year", "month", "week")  # the periods a timeline counts by
