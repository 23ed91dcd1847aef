// Stylesheets imported by pages and components are empty modules in jsdom.
module.exports = {}
