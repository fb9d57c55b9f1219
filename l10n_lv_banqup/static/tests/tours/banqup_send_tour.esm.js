/** @odoo-module **/
/**
 * Send via Banqup in the browser (run by tests/test_banqup_send_tour.py): the invoice list,
 * select the invoices, Actions > Send via Banqup; then (after the send cron ran) the list
 * shows each invoice's Banqup state, the refused one shows Banqup's error and is resent.
 */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("l10n_lv_banqup_send_tour", {
    url: "/odoo/action-account.action_move_out_invoice_type",
    steps: () => [
        {
            content: "The two posted invoices are listed",
            trigger: ".o_list_renderer .o_data_row:contains('Tour Atteikums SIA')",
        },
        {
            content: "Select every invoice",
            trigger: ".o_list_renderer thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the Actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:contains('Actions')",
            run: "click",
        },
        {
            content: "Send via Banqup",
            trigger: ".o-dropdown--menu .o_menu_item:contains('Send via Banqup')",
            run: "click",
        },
        {
            content: "They are queued and sent in the background",
            trigger: ".o_notification:contains('queued')",
        },
    ],
});

registry.category("web_tour.tours").add("l10n_lv_banqup_send_status_tour", {
    url: "/odoo/action-account.action_move_out_invoice_type",
    steps: () => [
        {
            content: "The accepted invoice is delivered",
            trigger:
                ".o_list_renderer .o_data_row:contains('Tour Klients SIA') td[name='l10n_lv_banqup_send_state']:contains('Delivered')",
        },
        {
            content: "The refused invoice is in error: open it",
            trigger:
                ".o_list_renderer .o_data_row:contains('Tour Atteikums SIA') td[name='l10n_lv_banqup_send_state']:contains('Error')",
            run: "click",
        },
        {
            content: "The form shows Banqup's text",
            trigger:
                ".o_form_view .alert-danger:contains('Peppol endpoint is unknown')",
        },
        {
            content: "Resend via Banqup",
            trigger: ".o_form_view button[name='action_l10n_lv_banqup_resend']",
            run: "click",
        },
        {
            content: "Queued again, the error is gone",
            trigger:
                ".o_form_view:not(:has(.alert-danger:visible)) .o_field_widget[name='l10n_lv_banqup_send_state']:contains('Queued')",
        },
    ],
});
