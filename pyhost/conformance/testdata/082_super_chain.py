# super() through several levels, each adding state.
class L1:
    def __init__(self):
        self.trace = ["L1"]
class L2(L1):
    def __init__(self):
        super().__init__()
        self.trace.append("L2")
class L3(L2):
    def __init__(self):
        super().__init__()
        self.trace.append("L3")
print(L3().trace)
print(L2().trace)
