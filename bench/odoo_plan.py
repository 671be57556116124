#!/usr/bin/env python3
"""Plan Odoo module migration scripts the way Odoo itself finds and orders them.

This is a reference implementation for migrate-runner's benchmarks and
differential tests, written from the semantics in
shared/reference/odoo-migration-semantics.md (sections 1-5, 7.1 and
Appendix A). It is deliberately plain, in the style of Odoo's own loader:
os.listdir and glob.glob for discovery, ast.literal_eval for manifests, re for
VERSION_RE, and straightforward Python for parse_version, convert_version,
adapt_version/check_version and compare(). It uses the Python 3.11 standard
library only and never imports or runs the scripts it lists.

Usage:

    python3 bench/odoo_plan.py --addons-path P1,P2 [--upgrade-path U1,U2] \\
        --series 17.0 [--installed MOD=VER ...] [--installed-file FILE] \\
        [--modules m1,m2]

Output: one line per script to run, tab-separated:

    module  phase  folder  basename  absolute-path

Modules run in graph order (depth, then name). Each module runs its pre
scripts and then its post scripts; once every module is done, the end scripts
of every module run, again in graph order.

Choices where Odoo is not deterministic or the notes leave room:
  * version folders of equal rank keep source order (migrations/, upgrades/,
    then each upgrade path in turn), then plain str order of the folder names
    within one directory (Odoo uses os.listdir order there);
  * a module's depth counts every module found on the addons paths; a
    dependency that is not found there is an external module at depth 0;
  * without --modules every installed module is upgraded (like -u all);
  * a module listed as installed with an empty version runs with installed
    version '' (parse_version reads it as 0.1), as Odoo does for a NULL
    latest_version.
"""

import argparse
import ast
import glob
import os
import re
import sys

# ---------------------------------------------------------------------------
# Series


class Series:
    """An Odoo release as release.major_version spells it: 17.0, saas~17.2."""

    _RE = re.compile(r"^(saas~)?(\d+)\.(\d+)$", re.ASCII)

    def __init__(self, text):
        m = self._RE.match(text)
        if not m or text.endswith("\n"):
            raise ValueError("series %r: want MAJOR.MINOR such as 17.0 or saas~17.2" % text)
        self.name = text
        self.major, self.minor = int(m.group(2)), int(m.group(3))
        if not m.group(1) and self.minor != 0:
            raise ValueError("series %r: a major release ends in .0 (SaaS ones are saas~X.Y)" % text)
        if self.major < 13:
            raise ValueError("series %r: these rules hold from Odoo 13.0 on" % text)
        # VERSION_RE, the ">2 dots" convert_version and the strict
        # adapt_version/check_version came with saas~16.3 and 17.0.
        self.modern = (self.major, self.minor) >= (16, 3)

    def convert_version(self, folder):
        """Folder name -> full version (Odoo's convert_version)."""
        if self.modern:
            if folder == "0.0.0" or folder.count(".") > 2:
                return folder
        elif folder.count(".") >= 2:
            return folder
        return "%s.%s" % (self.name, folder)

    def adapt_version(self, version):
        """Manifest version -> full version, or None when it is invalid."""
        serie = self.name
        if not self.modern:
            if version == serie or not version.startswith(serie + "."):
                version = "%s.%s" % (serie, version)
            return version
        parts = version.split(".")
        if not 2 <= len(parts) <= 5:
            return None
        # 17.0/18.0 check the last three parts and prefix anything that does
        # not start with the series; 19.0 checks every part and prefixes
        # only versions of at most three parts.
        major = int(re.sub(r"^saas~", "", serie).split(".")[0])
        checked = parts[-3:] if major < 19 else list(parts)
        if major >= 19 and version.startswith(serie) and not checked[0].isdigit():
            checked[0] = "".join(c for c in checked[0] if c.isdigit())
        for part in checked:
            try:
                int(part)
            except ValueError:
                return None
        if not version.startswith(serie) and (major < 19 or len(parts) <= 3):
            version = "%s.%s" % (serie, version)
        return version

    def check_version(self, adapted):
        """Whether an adapted manifest version belongs to this series.

        Like Odoo, this adapts the version again: on 17.0/18.0 a version of
        another series was prefixed into six parts, and adapting it again
        fails (Odoo raises there), so the module is not loaded either way.
        """
        if not self.modern:
            return True
        again = self.adapt_version(adapted)
        return again is not None and again.startswith(self.name + ".")


# ---------------------------------------------------------------------------
# Versions

# Odoo's VERSION_RE in its compact form (reference notes, section 2).
VERSION_RE = re.compile(
    r"^((6\.1|[6-9]\.0|[1-9]\d+\.0|(7|8|9|10)\.saas~[1-9]\d*|saas~(1[1-9]|[2-9]\d+)\.[1-9])\.)?"
    r"\d+\.\d+(\.\d+)?$",
    re.ASCII,
)

_PIECES = re.compile(r"(\d+|[a-z]+|\.|-)")
_RENAMED = {
    "pre": "c", "preview": "c", "rc": "c", "dev": "@",
    "-": "final-", "_": "final-", "saas": "", "~": "",
}
_ZERO = "00000000"


def parse_version(text):
    """The comparison key of a version string, a tuple of str.

    Numbers are zero-padded to eight digits, words get a '*' prefix, runs of
    zeros before a word are dropped (so 1.0 == 1.0.0) and '*final' ends the
    key so that pre-release tags sort before a release. '' means '0.1'.
    """
    key = []

    def push(piece):
        if piece.startswith("*"):
            if piece < "*final":
                while key and key[-1] == "*final-":
                    key.pop()
            while key and key[-1] == _ZERO:
                key.pop()
        key.append(piece)

    for raw in _PIECES.split((text or "0.1").lower()):
        piece = _RENAMED.get(raw, raw)
        if piece == "" or piece == ".":
            continue
        if piece[0] in "0123456789":
            push(piece.zfill(8))
        else:
            push("*" + piece)
    push("*final")
    return tuple(key)


# ---------------------------------------------------------------------------
# Modules


class Module:
    def __init__(self, name, path, manifest):
        self.name = name
        self.path = path
        self.manifest = manifest
        self.depends = list(manifest.get("depends", []) or [])
        self.installable = bool(manifest.get("installable", True))
        self.version = None  # adapted manifest version


MANIFEST_NAMES = ("__manifest__.py", "__openerp__.py")


def read_manifest(module_dir):
    for name in MANIFEST_NAMES:
        path = os.path.join(module_dir, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                return ast.literal_eval(f.read())
    return None


def find_modules(addons_paths, series):
    """name -> Module for every module on the addons paths; first path wins."""
    modules = {}
    for addons in addons_paths:
        if not os.path.isdir(addons):
            continue
        for name in sorted(os.listdir(addons)):
            if name in modules:
                continue
            module_dir = os.path.join(addons, name)
            if not os.path.isdir(module_dir):
                continue
            if not any(os.path.isfile(os.path.join(module_dir, m)) for m in MANIFEST_NAMES):
                continue
            try:
                manifest = read_manifest(module_dir)
                if not isinstance(manifest, dict):
                    raise ValueError("the manifest is not a dict")
            except (SyntaxError, ValueError, UnicodeDecodeError, OSError) as e:
                print("odoo_plan: %s: unreadable manifest, not installable: %s" % (module_dir, e), file=sys.stderr)
                manifest = {"installable": False}
            mod = Module(name, module_dir, manifest)
            adapted = series.adapt_version(str(manifest.get("version", "1.0")))
            if adapted is None or not series.check_version(adapted):
                mod.installable = False
            mod.version = adapted
            modules[name] = mod
    return modules


def graph_order(modules):
    """Module names by depth (1 + deepest dependency, 0 without any), then
    name. Dependencies that are not in `modules` are external, at depth 0."""
    depth = {}
    for start in sorted(modules):
        if start in depth:
            continue
        # Iterative depth-first search, so that long chains cannot hit
        # Python's recursion limit.
        stack = [(start, iter(modules[start].depends))]
        on_stack = {start}
        while stack:
            name, deps = stack[-1]
            for dep in deps:
                if dep not in modules or dep in depth:
                    continue
                if dep in on_stack:
                    cycle = [n for n, _ in stack]
                    cycle = cycle[cycle.index(dep):] + [dep]
                    raise ValueError("dependency cycle: " + " -> ".join(cycle))
                stack.append((dep, iter(modules[dep].depends)))
                on_stack.add(dep)
                break
            else:
                d = 0
                for dep in modules[name].depends:
                    d = max(d, depth[dep] + 1 if dep in modules else 1)
                depth[name] = d
                on_stack.discard(name)
                stack.pop()
    return sorted(modules, key=lambda n: (depth[n], n))


def modules_to_upgrade(modules, installed, requested):
    """The installed modules to upgrade: all of them, or the requested ones
    plus every installed module that depends on them, transitively."""
    if requested is None:
        return set(installed)
    dependents = {}
    for mod in modules.values():
        if mod.name in installed:
            for dep in mod.depends:
                dependents.setdefault(dep, []).append(mod.name)
    todo = [m for m in requested if m in installed]
    chosen = set(todo)
    while todo:
        for other in dependents.get(todo.pop(), []):
            if other not in chosen:
                chosen.add(other)
                todo.append(other)
    return chosen


# ---------------------------------------------------------------------------
# Scripts


def version_dirs(path, series):
    """{folder: [absolute *.py paths]} for one script source, in str order
    of the folder names."""
    if not path or not os.path.isdir(path):
        return {}
    found = {}
    for folder in sorted(os.listdir(path)):
        full = os.path.join(path, folder)
        if not os.path.isdir(full) or folder == "tests":
            continue
        if series.modern and not VERSION_RE.match(folder):
            print("odoo_plan: invalid version for upgrade script %r, skipped" % full, file=sys.stderr)
            continue
        found[folder] = glob.glob(os.path.join(glob.escape(full), "*.py"))
    return found


def script_sources(mod, upgrade_paths, series):
    """The module's script sources in Odoo's order: migrations/, upgrades/,
    then <P>/<module> for each upgrade path P that has it."""
    sources = [
        version_dirs(os.path.join(mod.path, "migrations"), series),
        version_dirs(os.path.join(mod.path, "upgrades"), series),
    ]
    for up in upgrade_paths:
        path = os.path.join(up, mod.name)
        if os.path.isdir(path):
            sources.append(version_dirs(path, series))
    return sources


def plan_stage(mod, sources, series, installed_version, stage):
    """(folder, path) for each script of `stage` that runs for `mod`."""
    versions = []
    for source in sources:
        for folder, files in source.items():
            if files and folder not in versions:
                versions.append(folder)
    versions.sort(key=lambda v: parse_version(series.convert_version(v)))
    if "0.0.0" in versions:
        versions.remove("0.0.0")
        if stage == "pre":
            versions.insert(0, "0.0.0")
        else:
            versions.append("0.0.0")

    installed = parse_version(installed_version)
    current = parse_version(series.convert_version(mod.version))

    def compare(folder):
        if folder == "0.0.0" and installed < current:
            return True
        full = series.convert_version(folder)
        if full != folder:
            # A module-only folder (1.2) must not run again on a major
            # upgrade: only the module part of the versions is compared.
            return installed[2:] < parse_version(full)[2:] <= current[2:]
        return installed < parse_version(full) <= current

    steps = []
    for folder in versions:
        if not compare(folder):
            continue
        files = [
            f
            for source in sources
            for f in source.get(folder, [])
            if os.path.basename(f).startswith(stage + "-")
        ]
        files.sort(key=os.path.basename)
        steps.extend((folder, f) for f in files)
    return steps


def plan(addons_paths, upgrade_paths, series, installed, requested=None):
    """The scripts to run, as (module, stage, folder, basename, path)."""
    modules = find_modules(addons_paths, series)
    chosen = modules_to_upgrade(modules, installed, requested)
    order = [
        n for n in graph_order(modules)
        if n in chosen and modules[n].installable
    ]
    sources = {n: script_sources(modules[n], upgrade_paths, series) for n in order}

    out = []

    def run(name, stage):
        for folder, path in plan_stage(modules[name], sources[name], series, installed[name] or "", stage):
            out.append((name, stage, folder, os.path.basename(path), path))

    for name in order:
        run(name, "pre")
        run(name, "post")
    for name in order:
        run(name, "end")
    return out


# ---------------------------------------------------------------------------
# Command line


def split_paths(value):
    """A comma-separated path list, made absolute, without duplicates."""
    paths = []
    for p in (value or "").split(","):
        p = p.strip()
        if p:
            p = os.path.abspath(os.path.expanduser(p))
            if p not in paths:
                paths.append(p)
    return paths


def parse_installed(pair, where):
    name, sep, version = pair.partition("=")
    name, version = name.strip(), version.strip()
    if not sep or not name:
        raise ValueError("%s: want MODULE=VERSION, got %r" % (where, pair))
    return name, version


def main(argv=None):
    ap = argparse.ArgumentParser(description="Plan Odoo migration scripts as Odoo would (reference implementation).")
    ap.add_argument("--addons-path", required=True, help="comma-separated addons directories")
    ap.add_argument("--upgrade-path", default="", help="comma-separated upgrade directories")
    ap.add_argument("--series", required=True, help="Odoo series, e.g. 17.0 or saas~17.2")
    ap.add_argument("--installed", action="append", default=[], metavar="MOD=VER",
                    help="an installed module and its version (repeatable)")
    ap.add_argument("--installed-file", help="file of MOD=VER lines (# comments and blank lines allowed)")
    ap.add_argument("--modules", help="comma-separated modules to upgrade (with their installed dependents)")
    args = ap.parse_args(argv)

    try:
        series = Series(args.series)
        installed = {}
        if args.installed_file:
            with open(args.installed_file, encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    line = line.strip()
                    if not line or line.startswith("#"):
                        continue
                    name, version = parse_installed(line, "%s:%d" % (args.installed_file, lineno))
                    installed[name] = version
        for pair in args.installed:
            name, version = parse_installed(pair, "--installed")
            installed[name] = version
        requested = None
        if args.modules is not None:
            requested = [m.strip() for m in args.modules.split(",") if m.strip()]
        steps = plan(split_paths(args.addons_path), split_paths(args.upgrade_path), series, installed, requested)
    except (ValueError, OSError) as e:
        print("odoo_plan: %s" % e, file=sys.stderr)
        return 2

    out = sys.stdout
    for step in steps:
        out.write("\t".join(step) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
