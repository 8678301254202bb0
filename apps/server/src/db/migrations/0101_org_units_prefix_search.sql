-- Prefix search for terms too short for trigrams ("ho", "ea"): byte-order btree on the folded place name.
create index if not exists org_units_search_prefix on org_units (search_norm(place_name) text_pattern_ops);
