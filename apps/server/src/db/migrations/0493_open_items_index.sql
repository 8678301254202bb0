-- Items open at a date (issue 5: "open now", "overdue now" at national scale). An item is open at the
-- end of a period when it was received before and is not closed, or was closed only later. The first part
-- is the few items not closed today, through this partial index; the second the items closed after the
-- date, through submissions_unit_closed_on (0490). Neither reads the years of closed items before the date.
create index if not exists submissions_unit_open on submissions (unit_id, received_on)
  include (status, paused, due_on, kind) where closed_on is null;
