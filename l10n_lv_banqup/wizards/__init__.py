from . import banqup_register_wizard
from . import banqup_upload_wizard
