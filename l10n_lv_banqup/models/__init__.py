# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import res_company
from . import res_config_settings
from . import res_partner
from . import banqup_service
from . import banqup_document

# replaces _banqup_set_error (messages kept as data): first, so the other files extend
# it
from . import banqup_document_messages
from . import banqup_document_push
from . import banqup_message
from . import res_company_outbound
from . import res_config_settings_outbound
from . import banqup_outbox
from . import account_move_send
from . import account_move
from . import banqup_tax_mapping
from . import banqup_document_tax
from . import account_chart_template
from . import account_move_sequence
from . import account_move_references
from . import banqup_document_parties
from . import banqup_document_payment
from . import banqup_document_odoo_errors
from . import banqup_document_faults
from . import banqup_document_payload
from . import account_move_banqup_unlink
from . import banqup_neutralize
