-- The opinions of a forum (issue 5: the forum figures read the opinions of the period's forums; without
-- this the figures scanned every opinion ever recorded).
create index if not exists movement_forum_opinions_forum on movement_forum_opinions (forum_id);
