// Package phases owns Odoo's stage model (pre, post, end) and turns a
// discovered inventory into the exact schedule Odoo would run: for each
// module in dependency-graph order its pre scripts, the point where Odoo
// loads the module, then its post scripts; after every module, the end
// scripts of each module in graph order.
//
// It decides which modules take part (installed, installable, selected
// like Odoo's -u) and explains every discovered script that will not run.
// It relies on package order for version rules and on package discover for
// the files; it executes nothing.
package phases
