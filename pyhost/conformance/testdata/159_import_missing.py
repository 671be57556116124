# Importing a missing module raises ImportError.
try:
    import no_such_module_xyz
except ImportError:
    print("caught ImportError")
try:
    from no_such_pkg_xyz import thing
except ImportError:
    print("caught ImportError again")
print("continued")
