# Raising and catching a user-defined exception class.
class MigrationError(Exception):
    pass
try:
    raise MigrationError("step failed")
except MigrationError as e:
    print(type(e).__name__)
    print(str(e))
    print(e.args)
    print(repr(e))
try:
    raise MigrationError
except MigrationError as e:
    print(repr(e), e.args)
