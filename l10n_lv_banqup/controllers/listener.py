# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The HTTP route Banqup's message service posts to (the registered listener base path +
/messages)."""

import logging

from odoo import http
from odoo.http import request

from ..models.res_company import LISTENER_ROUTE

_logger = logging.getLogger(__name__)


class BanqupListener(http.Controller):
    @http.route(
        f"{LISTENER_ROUTE}/<int:company_id>/<string:token>/<string:service>/messages",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def banqup_listener_messages(self, company_id, token, service, **kwargs):
        """Store the message and answer at once; the inbox run imports it.

        Banqup documents no signature on listener calls
        (https://docs.btx.banqup.com/docs/recipes/platform/set-up-message-listener), so
        the URL carries the company's secret: a wrong company, secret or service answers
        404, as an unknown address would. ``sudo()`` only after that check.
        """
        if request.env["res.company"]._l10n_lv_banqup_is_neutralized():
            # a neutralized copy takes no message meant for production
            # (banqup_neutralize.py)
            _logger.warning(
                "Banqup listener: refused a call for company %s (neutralized database)",
                company_id,
            )
            return request.make_response(
                "neutralized database: Banqup messages are not received here",
                headers=[("Content-Type", "text/plain")],
                status=503,
            )
        company = request.env["res.company"].sudo().browse(company_id).exists()
        if not company or not company._l10n_lv_banqup_check_listener_token(token):
            _logger.warning(
                "Banqup listener: refused a call for company %s (unknown address)",
                company_id,
            )
            return request.make_response("not found", status=404)
        raw = request.httprequest.get_data(cache=False)
        status, text = (
            request.env["banqup.message"].sudo()._banqup_receive(company, service, raw)
        )
        if status == 202:
            request.env.ref("l10n_lv_banqup.ir_cron_banqup_inbox").sudo()._trigger()
        return request.make_response(
            text, headers=[("Content-Type", "text/plain")], status=status
        )
