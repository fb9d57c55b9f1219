/** @odoo-module **/
/**
 * Banqup in the browser, as an administrator meets it (run by tests/test_banqup_tour.py):
 * Accounting settings -> Banqup e-invoices -> Register service -> Save -> both e-services
 * Active with the operator's message; Fetch now -> the Banqup inbox with the imported
 * documents and the held one; open a document, its invoice, and back to the document.
 */
import {registry} from "@web/core/registry";

const STATUS = "#l10n_lv_banqup_status";
const SERVICES = ["Receive supplier e-invoices", "Import sales invoices from Banqup"];

registry.category("web_tour.tours").add("l10n_lv_banqup_tour", {
    url: "/odoo/settings#account",
    steps: () => [
        {
            content:
                "The Banqup block of the Accounting settings, nothing registered yet",
            trigger: `${STATUS}:not(:has(.o_data_row)) .o_setting_right_pane:contains('E-services')`,
        },
        {
            content: "Register service",
            trigger: `${STATUS} button[name='action_l10n_lv_banqup_register']`,
            run: "click",
        },
        ...SERVICES.map((service) => ({
            content: `The wizard offers "${service}", ticked, with the operator`,
            trigger: `.modal .o_data_row:contains('${service}'):contains('Unifiedpost (Banqup)') td[name='selected'] input:checked`,
        })),
        {
            content: "Save asks the operator",
            trigger: ".modal .modal-footer button[name='action_register']",
            run: "click",
        },
        ...SERVICES.map((service) => ({
            content: `"${service}" is Active with the operator's message`,
            trigger: `body:not(:has(.modal)) ${STATUS} .o_data_row:contains('${service}'):contains('Registration was successful!') td[name='registration_state'] .badge:contains('Active')`,
        })),
        {
            content: "Fetch now",
            trigger: `${STATUS} button[name='action_l10n_lv_banqup_fetch']`,
            run: "click",
        },
        {
            content: "The Banqup inbox opens",
            trigger: ".o_breadcrumb:contains('Banqup inbox')",
        },
        {
            content: "The supplier invoice is imported",
            trigger:
                ".o_list_renderer .o_data_row:contains('SUP-778'):contains('134.40') td[name='state'] .badge:contains('Imported')",
        },
        {
            content:
                "The document with an unknown VAT rate is held in red with its error",
            trigger:
                ".o_list_renderer .o_data_row.text-danger:contains('LV-2026-0008'):contains('17 %')",
        },
        {
            content: "The sales invoice is imported: open its document",
            trigger:
                ".o_list_renderer .o_data_row:contains('LV-2026-0001'):contains('Klients'):contains('376.40') td[name='document_number']",
            run: "click",
        },
        {
            content: "The document form shows the status Imported",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Imported')",
        },
        {
            content: "and its history (chatter)",
            trigger: ".o_form_view .o-mail-Chatter",
        },
        {
            content: "Open its invoice with the smart button",
            trigger:
                ".o-form-buttonbox button[name='action_open_move']:contains('LV-2026-0001')",
            run: "click",
        },
        {
            content: "The invoice is posted, for the customer, with Banqup's number",
            trigger:
                ".o_form_view:has(.o_statusbar_status .o_arrow_button_current:contains('Posted')) .oe_title:contains('LV-2026-0001')",
        },
        {
            content: "The invoice's customer",
            trigger:
                ".o_form_view .o_field_widget[name='partner_id']:contains('Klients')",
        },
        {
            content: "Back to the Banqup document from the invoice",
            trigger:
                ".o-form-buttonbox button[name='action_open_l10n_lv_banqup_document']",
            run: "click",
        },
        {
            content: "The Banqup document again",
            trigger:
                ".o-form-buttonbox button[name='action_open_move']:contains('LV-2026-0001')",
        },
    ],
});

/**
 * The inbox as an accountant opens it (run after l10n_lv_banqup_tour): only what is left
 * to do, the held document is ignored, and the empty inbox says what to do first.
 */
registry.category("web_tour.tours").add("l10n_lv_banqup_inbox_todo_tour", {
    url: "/odoo/action-l10n_lv_banqup.banqup_document_action",
    steps: () => [
        {
            content: "The inbox opens on the To do filter",
            trigger: ".o_searchview_facet:contains('To do')",
        },
        {
            content:
                "Only the held document is to do; the imported ones are not listed",
            trigger:
                ".o_list_renderer:not(:has(.o_data_row:contains('LV-2026-0001'))) .o_data_row.text-danger:contains('LV-2026-0008') td[name='document_number']",
            run: "click",
        },
        {
            content: "Its error is shown on the form",
            trigger: ".o_form_view .alert-danger:contains('17 %')",
        },
        {
            content: "Ignore it",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_ignore']",
            run: "click",
        },
        {
            content: "The document is ignored and can be brought back",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name='action_reset_to_received']",
        },
        {
            content: "Back to the inbox",
            trigger: ".o_breadcrumb a:contains('Banqup inbox')",
            run: "click",
        },
        {
            content: "Nothing is left to do: the inbox says what to do first",
            trigger:
                ".o_view_nocontent:contains('Nothing to do in the Banqup inbox'):contains('Register service')",
        },
    ],
});
