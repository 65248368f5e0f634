# embed.cmake: writes OUT, a C file defining NAME (the bytes of IN, with a
# NUL after them) and NAME_len, so that a program serves its page with no
# file to find at run time.  Run as cmake -DIN=... -DOUT=... -DNAME=... -P.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}" "/* Made by cmake/embed.cmake from ${IN}. */\n#include <stddef.h>\nconst char ${NAME}[] = {\n${bytes}0x00 };\nconst size_t ${NAME}_len = ${len};\n")
