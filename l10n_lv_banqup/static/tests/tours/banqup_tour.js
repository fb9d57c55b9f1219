/** @odoo-module **/
/**
 * Banqup in the browser, as an administrator meets it (run by tests/test_banqup_tour.py):
 * Accounting settings -> Banqup e-invoices -> Register service -> Save -> both e-services
 * Active with the operator's message; Fetch now -> the Banqup inbox with the imported
 * documents and the held one; open a document, its invoice, and back to the document.
 */
import { registry } from "@web/core/registry";

const STATUS = "#l10n_lv_banqup_status";
const SERVICES = ["Receive supplier e-invoices", "Import sales invoices from Banqup"];

registry.category("web_tour.tours").add("l10n_lv_banqup_tour", {
    url: "/odoo/settings#account",
    steps: () => [
        {
            content: "The Banqup block of the Accounting settings, nothing registered yet",
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
            trigger: ".o_list_renderer .o_data_row:contains('SUP-778'):contains('134.40') td[name='state'] .badge:contains('Imported')",
        },
        {
            content: "The document with an unknown VAT rate is held in red with its error",
            trigger: ".o_list_renderer .o_data_row.text-danger:contains('LV-2026-0008'):contains('17 %')",
        },
        {
            content: "The sales invoice is imported: open its document",
            trigger: ".o_list_renderer .o_data_row:contains('LV-2026-0001'):contains('Klients'):contains('376.40') td[name='document_number']",
            run: "click",
        },
        {
            content: "The document form shows the status Imported",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Imported')",
        },
        {
            content: "Open its invoice with the smart button",
            trigger: ".o-form-buttonbox button[name='action_open_move']:contains('LV-2026-0001')",
            run: "click",
        },
        {
            content: "The invoice is posted, for the customer, with Banqup's number",
            trigger: ".o_form_view:has(.o_statusbar_status .o_arrow_button_current:contains('Posted')) .oe_title:contains('LV-2026-0001')",
        },
        {
            content: "The invoice's customer",
            trigger: ".o_form_view .o_field_widget[name='partner_id']:contains('Klients')",
        },
        {
            content: "Back to the Banqup document from the invoice",
            trigger: ".o-form-buttonbox button[name='action_open_l10n_lv_banqup_document']",
            run: "click",
        },
        {
            content: "The Banqup document again",
            trigger: ".o-form-buttonbox button[name='action_open_move']:contains('LV-2026-0001')",
        },
    ],
});
