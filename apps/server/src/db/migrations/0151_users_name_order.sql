-- The users list pages in diacritic-free name order (byte order, the same on both databases).
create index if not exists users_name_order on users ((search_norm(full_name) collate "C"), id);
