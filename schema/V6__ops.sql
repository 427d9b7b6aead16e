-- Operations: the webhook delivery log is pruned by age once deliveries are finished (delivered or
-- failed); this index lets the retention job find them without scanning the pending ones.
-- Same shared subset of MySQL, MariaDB and H2 as V1.
CREATE INDEX ix_webhook_deliveries_finished ON webhook_deliveries (status, created_at);
