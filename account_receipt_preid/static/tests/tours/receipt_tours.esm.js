/** @odoo-module */
// Copyright 2026 Baltic Receipts
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// Browser tours of the accountant's main flows, started by tests/test_tour_receipt.py, which
// creates the customers and invoices named here and checks the posted numbers afterwards.

import {registry} from "@web/core/registry";

const LINES = "div[name='line_ids']";
const ROW = `${LINES} .o_selected_row`;

/** Open Customers > `menuXmlid` from the navbar of the Invoicing app. */
function openCustomersMenu(menuXmlid, title) {
    return [
        {
            content: "Open the Customers menu",
            trigger: "button[data-menu-xmlid='account.menu_finance_receivables']",
            run: "click",
        },
        {
            content: `Open ${title}`,
            trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
        {
            content: `${title} are shown`,
            trigger: `.o_breadcrumb .active:contains(${title})`,
        },
    ];
}

/** Pick `name` in the many2one `selector` (an input) by typing `search`. */
function pickMany2one(selector, search, name) {
    return [
        {content: `Type ${search}`, trigger: selector, run: `edit ${search}`},
        {
            content: `Pick ${name}`,
            trigger: `.o-autocomplete--dropdown-menu .ui-menu-item a:contains(${name})`,
            run: "click",
        },
    ];
}

/** Add a receipt line for `customer`, optionally paying `invoice` (whose `openAmount` is filled in),
 * optionally typing `amount`. */
function addReceiptLine({customer, invoice, openAmount, amount, comment}) {
    const steps = [
        {
            content: "Add a line",
            trigger: `${LINES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        ...pickMany2one(`${ROW} div[name='partner_id'] input`, customer, customer),
    ];
    if (invoice) {
        steps.push(
            ...pickMany2one(`${ROW} div[name='invoice_id'] input`, invoice, invoice)
        );
        steps.push({
            content: "Picking the invoice fills in its open amount",
            trigger: `${ROW} div[name='amount'] input:value(${openAmount})`,
        });
    }
    if (amount) {
        steps.push({
            content: `Amount ${amount}`,
            trigger: `${ROW} div[name='amount'] input`,
            run: `edit ${amount}`,
        });
    }
    if (comment) {
        steps.push({
            content: "Comment",
            trigger: `${ROW} div[name='name'] input`,
            run: `edit ${comment}`,
        });
    }
    return steps;
}

const saveAndConfirmReceipt = [
    {content: "Save the receipt", trigger: ".o_form_button_save:enabled", run: "click"},
    {content: "Saved", trigger: ".o_form_saved"},
    {
        content: "Confirm",
        trigger: ".o_statusbar_buttons button[name='action_post']",
        run: "click",
    },
    {
        content: "The receipt is posted",
        trigger: ".o_statusbar_status .o_arrow_button_current:contains(Posted)",
    },
];

registry.category("web_tour.tours").add("account_receipt_preid_two_customers", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Invoicing app",
            trigger: ".o_app[data-menu-xmlid='account.menu_finance']",
            run: "click",
        },
        ...openCustomersMenu("account_receipt_preid.account_receipt_menu", "Receipts"),
        {
            content: "New receipt",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "The payment mode is the bank journal",
            trigger: ".o_form_view div[name='journal_id'] input:value(Bank)",
        },
        ...addReceiptLine({
            customer: "Tour Koks SIA",
            invoice: "INV/2026/00101",
            openAmount: "810.00",
        }),
        ...addReceiptLine({
            customer: "Tour Puit OÜ",
            invoice: "INV/2026/00102",
            openAmount: "605.00",
            amount: "300",
        }),
        {
            content: "The first line pays the open amount of its invoice",
            trigger: `${LINES} .o_data_row:contains(INV/2026/00101) td[name='amount']:contains(810.00)`,
        },
        ...saveAndConfirmReceipt,
        {
            content: "Both lines pay an invoice",
            trigger: `${LINES} .o_data_row:contains(INV/2026/00102) td[name='kind']:contains(Invoice Receipt)`,
        },
        {
            content: "Open the journal entry",
            trigger: "button[name='action_open_move']",
            run: "click",
        },
        {
            content: "The entry is open, with a receivable item per customer",
            trigger:
                ".o_form_view div[name='line_ids'] .o_data_row:contains(Tour Puit OÜ)",
        },
        {
            content: "The entry is posted",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Posted)",
        },
    ],
});

registry.category("web_tour.tours").add("account_receipt_preid_prepayment", {
    url: "/odoo/action-account_receipt_preid.account_receipt_action",
    steps: () => [
        {
            content: "New receipt",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        ...addReceiptLine({
            customer: "Tour Build SIA",
            amount: "500",
            comment: "Advance for order 7",
        }),
        ...saveAndConfirmReceipt,
        {
            content: "A line without an invoice is a prepayment",
            trigger: `${LINES} .o_data_row td[name='kind']:contains(Prepayment)`,
        },
        {
            content: "Its PreID is created",
            trigger: `${LINES} .o_data_row td[name='created_prepayment_id']:contains(PRE/)`,
        },
        ...openCustomersMenu("account.menu_action_move_out_invoice_type", "Invoices"),
        {
            content: "New invoice",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        ...pickMany2one("div[name='partner_id'] input", "Tour Build", "Tour Build SIA"),
        {
            content: "The Prepayments button shows the customer's usable PreIDs",
            trigger: "button[name='action_open_prepayment_picks']:contains(500.00)",
        },
        {
            content: "Add an invoice line",
            trigger:
                "div[name='invoice_line_ids'] .o_field_x2many_list_row_add a:contains(Add a line)",
            run: "click",
        },
        {
            content: "Price 300",
            trigger:
                "div[name='invoice_line_ids'] .o_selected_row div[name='price_unit'] input",
            run: "edit 300",
        },
        {
            content: "Save the invoice",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {content: "Saved", trigger: ".o_form_saved"},
        {
            content: "The invoice line amounts to 300",
            trigger:
                "div[name='invoice_line_ids'] .o_data_row td[name='price_subtotal']:contains(300.00)",
        },
        {
            content: "Open its Prepayments",
            trigger: "button[name='action_open_prepayment_picks']",
            run: "click",
        },
        {
            content: "The PreID is listed with its usable amount",
            trigger:
                ".o_list_view .o_data_row:contains(PRE/) td[name='usable_balance']:contains(500.00)",
        },
        {
            content: "FIFO will take the invoice's amount from it",
            trigger:
                ".o_list_view .o_data_row:contains(PRE/) td[name='fifo_amount']:contains(300.00)",
        },
        {
            content: "Back to the invoice",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            content: "Confirm the invoice",
            trigger: ".o_statusbar_buttons button[name='action_post']",
            run: "click",
        },
        {
            content: "The invoice is posted",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Posted)",
        },
        {
            content: "The invoice shows Paid",
            trigger: ".o_form_view .ribbon:contains(Paid)",
        },
        {
            content: "The Prepayments button shows what was applied",
            trigger: "button[name='action_open_prepayment_picks']:contains(300.00)",
        },
        ...openCustomersMenu(
            "account_receipt_preid.account_prepayment_menu",
            "Prepayments"
        ),
        {
            content: "The open PreIDs, grouped by customer, show what is left of it",
            trigger:
                ".o_list_view .o_data_row:contains(Tour Build SIA) td[name='usable_balance']:contains(200.00)",
        },
    ],
});
