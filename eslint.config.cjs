// Copyright 2026 Baltic Receipts
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// ESLint (flat config) for the addons' JavaScript (browser tours, `*.esm.js` Odoo modules),
// with the error-level rules of the OCA 18.0 addons template and jsdoc checks.
const globals = require("globals");
const jsdoc = require("eslint-plugin-jsdoc");

const browserGlobals = {
    _: "readonly",
    $: "readonly",
    luxon: "readonly",
    odoo: "readonly",
    owl: "readonly",
    QUnit: "readonly",
    ...globals.browser,
};

const rules = {
    "array-callback-return": "warn",
    "dot-notation": "warn",
    eqeqeq: "warn",
    "init-declarations": "error",
    "no-cond-assign": "error",
    "no-const-assign": "error",
    "no-debugger": "error",
    "no-dupe-args": "error",
    "no-dupe-class-members": "error",
    "no-dupe-keys": "error",
    "no-duplicate-case": "error",
    "no-duplicate-imports": "error",
    "no-empty-function": "error",
    "no-empty-pattern": "error",
    "no-eq-null": "error",
    "no-eval": "error",
    "no-ex-assign": "error",
    "no-func-assign": "error",
    "no-global-assign": "error",
    "no-implied-eval": "error",
    "no-inner-declarations": "error",
    "no-invalid-regexp": "error",
    "no-irregular-whitespace": "error",
    "no-new-func": "error",
    "no-obj-calls": "error",
    "no-redeclare": "error",
    "no-self-assign": "error",
    "no-sparse-arrays": "error",
    "no-this-before-super": "error",
    "no-undef": "error",
    "no-unreachable": "error",
    "no-unsafe-finally": "error",
    "no-unsafe-negation": "error",
    "no-unused-vars": "error",
    "no-use-before-define": "error",
    "no-useless-call": "error",
    "no-var": "error",
    "no-with": "error",
    "prefer-const": "error",
    "use-isnan": "error",
    "valid-typeof": "error",
    "jsdoc/check-tag-names": ["warn", {definedTags: ["odoo-module"]}],
    "jsdoc/check-types": "warn",
    "jsdoc/require-param-type": "warn",
    "jsdoc/require-returns-type": "warn",
};

module.exports = [
    {
        files: ["**/*.js"],
        plugins: {jsdoc},
        languageOptions: {globals: browserGlobals, ecmaVersion: 2024, sourceType: "script"},
        rules,
    },
    {
        // Odoo's native ES modules (`/** @odoo-module */`)
        files: ["**/*.esm.js"],
        languageOptions: {sourceType: "module"},
    },
];
