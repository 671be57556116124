// Package editview implements upgrade-util's edit_view at the SQL level
// and the element tree it hands to scripts in the embedded host.
//
// The context manager itself lives in each host, because it yields a
// Python object: the external host yields an lxml element (lxml must be
// installed there) and the embedded host one backed by this package's
// tree (package xmlquery underneath). Both call the same two helpers
// here, registered as migrate_runner.views.read_arch and write_arch:
// which view to edit, whether to yield at all, and how the edited arch
// and its translations go back to ir_ui_view.
//
// Serialize writes a tree exactly as lxml's tostring(encoding="unicode")
// does, so that an edit gives the same arch in both hosts.
//
// It does not own the other view helpers (remove_view, in package
// upgradeutil) nor the Python objects of the embedded host (package
// pyhost/embedded).
package editview
