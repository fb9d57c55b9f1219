from . import res_company
from . import res_config_settings
from . import res_partner
from . import banqup_service
from . import banqup_document
from . import banqup_document_push
from . import banqup_message
from . import account_move
