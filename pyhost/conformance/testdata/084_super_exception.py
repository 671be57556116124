# super() in custom exception __init__.
class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise AppError("broken", 42)
except AppError as e:
    print(e, e.code, e.args)
