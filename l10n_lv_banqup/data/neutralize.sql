-- l10n_lv_banqup: a neutralized copy (odoo-bin neutralize, a duplicated database with
-- neutralization) must not take production's Banqup documents, acknowledge them or send invoices.

-- the flag the module checks before any call to Banqup (base's neutralize.sql sets it too;
-- set here as well so that this file alone is enough)
INSERT INTO ir_config_parameter (key, value)
VALUES ('database.is_neutralized', true)
    ON CONFLICT (key) DO
       UPDATE SET value = true;

-- forget production's secrets: no token, no listener address (derived from the e-invoice key),
-- no e-mail to Banqup's Outbound address
UPDATE res_company
   SET l10n_lv_banqup_client_secret = NULL,
       l10n_lv_banqup_einvoice_key = NULL,
       l10n_lv_banqup_outbound_email = NULL;

-- the e-services are registered with production's address, not this copy's
UPDATE banqup_service
   SET active = false;
