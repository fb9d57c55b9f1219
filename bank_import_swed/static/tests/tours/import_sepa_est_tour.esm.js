/** @odoo-module */
// IMPORT SEPA EST in the web client: upload a camt.053 file on a draft receipt, preview, change one
// suggestion in the matching step, fill the receipt, confirm it. The data (journal with the sample's
// IBAN, customers, invoices, the sample file as an attachment) is created by
// bank_import_swed/tests/test_import_tour.py, which also checks the result in Python.
import {rpc} from "@web/core/network/rpc";
import {registry} from "@web/core/registry";
import {inputFiles} from "@web/../tests/utils";

const SAMPLE = "camt053_swedbank_ee.xml";
const MODAL = ".modal:not(.o_inactive_modal)";
const LINES = `${MODAL} .o_field_widget[name=line_ids]`;

/** The sample, stored by the Python test as an attachment, as a browser File. */
async function sampleFile() {
    const [attachment] = await rpc("/web/dataset/call_kw/ir.attachment/search_read", {
        model: "ir.attachment",
        method: "search_read",
        args: [
            [
                ["name", "=", SAMPLE],
                ["description", "=", "bank_import_swed tour sample"],
            ],
        ],
        kwargs: {fields: ["datas"], limit: 1},
    });
    if (!attachment) {
        throw new Error(`the sample ${SAMPLE} was not prepared by the Python test`);
    }
    const bytes = Uint8Array.from(atob(attachment.datas), (char) => char.charCodeAt(0));
    return new File([bytes], SAMPLE, {type: "text/xml"});
}

registry.category("web_tour.tours").add("bank_import_swed_import_sepa_est", {
    steps: () => [
        {
            content: "The draft receipt is open",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Draft)",
        },
        {
            content: "Open IMPORT SEPA EST",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_import_sepa_est]",
            run: "click",
        },
        {
            content: "The upload step explains what to choose",
            trigger: `${MODAL} .o_field_widget[name=data_file] .o_select_file_button`,
            async run() {
                await inputFiles(
                    `${MODAL} .o_field_widget[name=data_file] input.o_input_file`,
                    [await sampleFile()]
                );
            },
        },
        {
            content: "The file is chosen",
            trigger: `${MODAL} .o_field_widget[name=data_file] .o_clear_file_button`,
        },
        {
            content: "Read the file",
            trigger: `${MODAL} footer button[name=action_read_file]`,
            run: "click",
        },
        {
            content: "Preview: three incoming payments, the bank fee skipped",
            trigger: `${MODAL} .o_field_widget[name=summary]:contains(3 incoming payment)`,
        },
        {
            trigger: `${LINES} .o_data_row:eq(2):contains(Teine Klient AS):contains(300.00)`,
        },
        {
            content: "The skipped entries are listed",
            trigger: `${MODAL} .nav-link:contains(Skipped)`,
            run: "click",
        },
        {
            trigger: `${MODAL} .o_field_widget[name=skip_ids] .o_data_row:contains(Outgoing payment)`,
        },
        {
            content: "Back to the payments",
            trigger: `${MODAL} .nav-link:contains(Payments)`,
            run: "click",
        },
        {
            content: "Link the payments to invoices",
            trigger: `${MODAL} footer button[name=action_match]`,
            run: "click",
        },
        {
            content: "The reference number found Kliendi OÜ's invoice",
            trigger: `${LINES} .o_data_row:eq(0):has([name=match_rule]:contains(Reference number)):contains(INV/2026/00118)`,
        },
        {
            content: "Teine Klient AS is known by name: a prepayment is suggested",
            trigger: `${LINES} .o_data_row:eq(2):has([name=match_rule]:contains(Prepayment)) [name=prepayment_amount]:contains(300.00)`,
        },
        {
            content:
                "Change the suggestion: this payment is for invoice INV/2026/00120",
            trigger: `${LINES} .o_data_row:eq(2) td[name=invoice_ids]`,
            run: "click",
        },
        {
            trigger: `${LINES} .o_data_row:eq(2) [name=invoice_ids] input`,
            run: "edit INV/2026/00120",
        },
        {
            trigger:
                ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item:contains(INV/2026/00120)",
            run: "click",
        },
        {
            content:
                "The changed line is marked as chosen by the user, nothing left as prepayment",
            trigger: `${LINES} .o_data_row:eq(2):has([name=match_rule]:contains(Chosen by you)):has(.o_tag:contains(INV/2026/00120)) [name=prepayment_amount]:contains(0.00)`,
        },
        {
            content: "Fill the receipt",
            trigger: `${MODAL} footer button[name=action_apply]`,
            run: "click",
        },
        {
            content: "A notification says what was imported",
            trigger:
                ".o_notification:contains(IMPORT SEPA EST):contains(imported into):contains(1,649.90)",
        },
        {
            content:
                "The receipt has the three lines, the changed one with its invoice",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_field_widget[name=line_ids] .o_data_row:eq(2):contains(INV/2026/00120)",
        },
        {
            content: "Confirm the receipt",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_post]",
            run: "click",
        },
        {
            content: "The receipt is posted and has its journal entry",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
        {
            trigger:
                ".o_form_view .o-form-buttonbox button[name=action_open_move]:contains(Journal Entry)",
        },
    ],
});
