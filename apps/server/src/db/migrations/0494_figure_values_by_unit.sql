-- Entered values of a subtree's units for a period, every definition at once (issue 5): the flow figures'
-- batch reads the period's values unit by unit; figure_values_period (0400) serves one definition over
-- all units (the country).
create index if not exists figure_values_unit on figure_values (unit_id, period_start)
  include (definition_id, period_end, value);
