-- A workspace that requires two-factor authentication (docs/security.md §38): since when, or
-- null. Its members without a factor reach only their own account until they set one up.
alter table workspace add column two_factor_required_at text;
