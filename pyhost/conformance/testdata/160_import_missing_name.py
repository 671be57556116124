# The class of the error raised for a missing module.
try:
    import no_such_module_abc
except ImportError as e:
    print(type(e).__name__)
