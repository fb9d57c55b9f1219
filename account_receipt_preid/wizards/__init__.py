from . import prepayment_refund_export
