/** @odoo-module */
// Copyright 2026 Baltic Receipts
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// Receipt forecast → select invoices → Register Receipt → Confirm. Started by
// tests/test_tour_receipt_forecast.py, which creates the invoices named here and checks the posting.

import {registry} from "@web/core/registry";

function selectRow(invoice) {
    return {
        content: `Select ${invoice}`,
        trigger: `.o_list_view .o_data_row:contains(${invoice}) .o_list_record_selector input`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("account_receipt_preid_forecast", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open Invoicing",
            trigger: ".o_app[data-menu-xmlid='account.menu_finance']",
            run: "click",
        },
        {
            content: "Open the Customers menu",
            trigger: "button[data-menu-xmlid='account.menu_finance_receivables']",
            run: "click",
        },
        {
            content: "Open Receipt Forecast",
            trigger:
                ".dropdown-item[data-menu-xmlid='account_receipt_preid.account_receipt_forecast_menu']",
            run: "click",
        },
        {
            content: "The overdue invoice is in its bucket",
            trigger:
                ".o_list_view .o_data_row:contains(INV/2026/00501) td[name='bucket']:contains(31-60 Days)",
        },
        {
            content: "The invoice not yet due is listed",
            trigger:
                ".o_list_view .o_data_row:contains(INV/2026/00502) td[name='bucket']:contains(Not Due)",
        },
        selectRow("INV/2026/00501"),
        selectRow("INV/2026/00503"),
        {
            content: "Register Receipt for the selection",
            trigger: "button[name='action_register_receipt']",
            run: "click",
        },
        {
            content: "The receipt pays the first invoice",
            trigger:
                "div[name='line_ids'] .o_data_row:contains(INV/2026/00501) td[name='amount']:contains(450.00)",
        },
        {
            content: "and the other customer's invoice",
            trigger:
                "div[name='line_ids'] .o_data_row:contains(INV/2026/00503) td[name='amount']:contains(75.00)",
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
    ],
});
