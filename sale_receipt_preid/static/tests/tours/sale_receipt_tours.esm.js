/** @odoo-module */
// Copyright 2026 Baltic Receipts
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// Browser tour of a prepayment through a sales order, started by tests/test_tour_sale_receipt.py, which creates
// the confirmed order TOUR/SO/001 (600.00) of Tour Order SIA and checks the posted numbers afterwards.

import {registry} from "@web/core/registry";

const LINES = "div[name='line_ids']";

registry.category("web_tour.tours").add("sale_receipt_preid_order_prepayment", {
    steps: () => [
        {
            content: "The confirmed sales order is open",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Sales Order)",
        },
        {
            content: "Register Receipt",
            trigger: ".o_statusbar_buttons button[name='action_register_receipt']",
            run: "click",
        },
        {
            content: "The draft receipt's line names the order",
            trigger: `${LINES} .o_data_row td[name='sale_order_id']:contains(TOUR/SO/001)`,
        },
        {
            content: "It proposes what is left to prepay",
            trigger: `${LINES} .o_data_row td[name='amount']:contains(600.00)`,
        },
        {
            content: "Confirm",
            trigger: ".o_statusbar_buttons button[name='action_post']",
            run: "click",
        },
        {
            content: "The receipt is posted",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Posted)",
        },
        {
            content: "Its PreID is created",
            trigger: `${LINES} .o_data_row td[name='created_prepayment_id']:contains(PRE/)`,
        },
        {
            content: "Open the PreID",
            trigger: "button[name='action_open_prepayments']",
            run: "click",
        },
        {
            content: "The PreID carries the order",
            trigger: ".o_form_view div[name='sale_order_id']:contains(TOUR/SO/001)",
        },
        {
            content: "Back to the order",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(TOUR/SO/001)",
            run: "click",
        },
        {
            content: "The order shows what was prepaid",
            trigger: "button[name='action_open_preids']:contains(600.00)",
        },
        {
            content: "Create Invoice",
            trigger: ".o_statusbar_buttons button:contains(Create Invoice)",
            run: "click",
        },
        {
            content: "Create Draft",
            trigger: ".modal button#create_invoice_open",
            run: "click",
        },
        {
            content: "The draft invoice of the order opens",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Draft)",
        },
        {
            content: "Its Prepayments list",
            trigger: "button[name='action_open_prepayment_picks']",
            run: "click",
        },
        {
            content: "FIFO takes the order's PreID, not the older one",
            trigger:
                ".o_list_view .o_data_row:contains(TOUR/SO/001) td[name='fifo_amount']:contains(600.00)",
        },
        {
            content: "The older PreID is left alone",
            trigger:
                ".o_list_view .o_data_row:not(:contains(TOUR/SO/001)) td[name='fifo_amount']:contains(0.00)",
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
            content: "The order's prepayment paid it",
            trigger: ".o_form_view .ribbon:contains(Paid)",
        },
    ],
});
