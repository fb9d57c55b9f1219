// Copyright 2026 Baltic Receipts
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// Prettier settings of the OCA 18.0 addons template (printWidth 88, XML plugin, whitespace
// preserved in XML); `./dev lint` installs prettier and the plugin under .state/node.
/** @type {import('prettier').Config} */
module.exports = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};
