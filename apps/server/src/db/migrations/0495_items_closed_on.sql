-- Items closed after a date, over the whole country (issue 5: "open at the end of the period" for the
-- country's year). submissions_unit_closed_on (0490) serves a subtree unit by unit; this one a date range
-- over every unit. Partial: an item is inserted open, so a public submission never writes to it.
create index if not exists submissions_closed_on on submissions (closed_on)
  include (unit_id, received_on, status, paused, due_on) where closed_on is not null;
