/** @odoo-module **/
/**
 * Banqup's e-mail delivery in the browser (run by tests/test_banqup_mail_tour.py): the
 * administrator gives the e-service its e-mail delivery address; after Banqup's e-mail went
 * through Odoo's mail gateway, the inbox shows the supplier e-invoice imported, and its bill.
 */
import {registry} from "@web/core/registry";

const SUPPLIER_SERVICE = ".o_data_row:contains('Receive supplier e-invoices')";

registry.category("web_tour.tours").add("l10n_lv_banqup_mail_alias_tour", {
    url: "/odoo/action-l10n_lv_banqup.banqup_service_action",
    steps: () => [
        {
            content:
                "The supplier e-invoice service has no e-mail address yet: edit it",
            trigger: `.o_list_renderer ${SUPPLIER_SERVICE} td[name='alias_name']`,
            run: "click",
        },
        {
            content:
                "Type the e-mail delivery address Banqup's accounting connection will send to",
            trigger: `${SUPPLIER_SERVICE}.o_selected_row td[name='alias_name'] input`,
            run: "edit banqup-bills",
        },
        {
            content: "Save",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "The address is saved",
            trigger: `.o_list_renderer:not(:has(.o_selected_row)) ${SUPPLIER_SERVICE} td[name='alias_name']:contains('banqup-bills')`,
        },
    ],
});

registry.category("web_tour.tours").add("l10n_lv_banqup_mail_inbox_tour", {
    url: "/odoo/action-l10n_lv_banqup.banqup_document_action",
    steps: () => [
        {
            content: "The inbox opens on To do: show everything",
            trigger: ".o_searchview_facet:contains('To do') .o_facet_remove",
            run: "click",
        },
        {
            content: "The supplier e-invoice delivered by e-mail is imported",
            trigger:
                ".o_list_renderer .o_data_row:contains('SUP-778') td[name='state'] .badge:contains('Imported')",
            run: "click",
        },
        {
            content: "Open its vendor bill with the smart button",
            trigger:
                ".o-form-buttonbox button[name='action_open_move']:contains('SUP-778')",
            run: "click",
        },
        {
            content: "The vendor bill of the supplier",
            trigger:
                ".o_form_view .o_field_widget[name='partner_id']:contains('Piegādātājs')",
        },
    ],
});
