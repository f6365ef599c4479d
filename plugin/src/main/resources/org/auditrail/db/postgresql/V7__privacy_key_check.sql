-- The vault's master key check: the check value (HMAC-SHA-256 of a fixed text under the master key, truncated) of
-- the key that wraps the subjects' data keys, so that a node started with another key refuses to start instead
-- of opening a second, disjoint vault; and the token key, wrapped by the master key, so that subject ids and
-- tokens stay the same when the master key is rotated. One row (key_slot 'master'); a declared rotation updates it.
create table audit_privacy_key (
  key_slot          varchar(16) not null primary key,
  key_check         varchar(32) not null,
  wrapped_token_key bytea       not null,
  created_at        timestamp with time zone not null,
  rotated_at        timestamp with time zone
);
