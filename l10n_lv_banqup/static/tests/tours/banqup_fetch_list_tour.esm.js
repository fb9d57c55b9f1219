/** @odoo-module **/
/**
 * *Fetch now* in the Banqup inbox list (run by tests/test_banqup_fault_tour.py): the button in
 * the list's control panel fetches without any record selected, tells what it did and reloads
 * the list, which then shows the held document. No "Oops" dialog.
 */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("l10n_lv_banqup_fetch_list_tour", {
    url: "/odoo/action-l10n_lv_banqup.banqup_document_action",
    steps: () => [
        {
            content: "The inbox opens on the To do filter, empty",
            trigger: ".o_searchview_facet:contains('To do')",
        },
        {
            content: "Fetch now, in the list, with nothing selected",
            trigger: ".o_control_panel button[name='action_fetch_now']",
            run: "click",
        },
        {
            content: "The notification tells what was fetched",
            trigger:
                ".o_notification:contains('2 new document(s), 1 imported, 1 with errors.')",
        },
        {
            content:
                "The list is reloaded: the held document is there, in red, with its error",
            trigger:
                ".o_list_renderer .o_data_row.text-danger:contains('LV-2026-0008'):contains('17 %')",
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
