-- Figures are computed as one statement per period holding every indicator asked for (reports'
-- runManyOverGroups): a province's quarter over ~185 indicators is one statement of ~185 branches. Its
-- estimated cost is far above jit_above_cost, and PostgreSQL's JIT then spends seconds compiling it
-- (measured on the national synthetic set: 28 s with JIT, 1.9 s without, for the same answer). The
-- statements are short and many; JIT never pays here. Set for this database, when the role may.
do $$
begin
  execute format('alter database %I set jit = off', current_database());
exception when insufficient_privilege then
  raise notice 'jit left as configured: the role may not alter the database (set jit = off for it by hand)';
end $$;
