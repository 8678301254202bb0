-- Indexes for the figures at national scale (issue 5, "Speed at national scale"; measured with the synthetic
-- data set of tools/synth and tools/bench/national.bench.ts).
--
-- The citizen channel's indicators count items by the unit handling them and the day of receipt, of
-- closure or of rating; the only index on the unit was (unit_id, received_at desc, id desc), for the inbox,
-- which cannot serve a range on received_on, closed_on or rated_at. These give every submissions indicator
-- an index-only range scan per unit of the subtree, so that the time grows with the units asked for and
-- the length of the period, not with the years stored.
create index if not exists submissions_unit_received_on on submissions (unit_id, received_on) include (kind, channel);
create index if not exists submissions_unit_closed_on on submissions (unit_id, closed_on)
  include (kind, status, outcome, closed_on_time, received_on) where closed_on is not null;
create index if not exists submissions_unit_rated_at on submissions (unit_id, rated_at) include (rating)
  where rating is not null;
