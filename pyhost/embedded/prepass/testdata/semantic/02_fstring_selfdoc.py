x, y, s = 3, 4.5, "q"
print(f"{x=} {y = } {x=:>4} {s=} {s=!s} {s=:>3} {x+y=}")
print(f"{x = !r:^9}|")
print(f"""{
  x
  =}""")
print(f"""{x=
}|{x
=
!s}|{s=:>4}
""")
print(undefined_after_selfdoc)
