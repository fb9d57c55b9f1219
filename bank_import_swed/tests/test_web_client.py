from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWebClient(HttpCase):
    def test_web_client_loads_with_the_addons(self):
        """The accountant's web client (assets of every installed addon) starts in a real
        browser without a JavaScript error, on the customer invoices."""
        self.browser_js(
            "/odoo/action-account.action_move_out_invoice_type",
            "console.log('test successful')",
            ready="odoo.isReady === true",
            login="admin",
            timeout=180,
        )
