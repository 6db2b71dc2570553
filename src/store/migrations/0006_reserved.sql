-- 0006: reserved for 0006_radars.sql (the radar branch). This branch (briefings) adds 0007 and
-- needs a 0006 to keep the numbering; the lead replaces this file with the radars' at the merge.
SELECT 1;
