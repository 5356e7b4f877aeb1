# t_hostile.sh: every tool over hostile input (tests/hostile/): empty,
# binary, NUL bytes, invalid and truncated UTF-8 and GB18030, a 50 MB
# line, brackets nested 100,000 deep, 100,000 document numbers, wrong
# headers, ragged rows, bad escapes; each to a file, a closed pipe and a
# full disk.  SPEC: never crash, never hang, never drop input silently.
. "$top/tests/lib.sh"

sh "$top/tests/hostile/run.sh"
