# tests/lib.sh: helpers for the shell tests, sourced by tests/t_*.sh.
# Each test prints "ok - what" or "not ok - what"; tests/run counts.
# $BIN holds the tools, $FIX the fixtures, $T a scratch folder.
set -u

ok() { echo "ok - $1"; }
notok() {
	echo "not ok - $1"
	shift
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done
}

# check WHAT COMMAND...: ok when the command succeeds.
check() {
	what=$1
	shift
	if "$@" > "$T/check.out" 2>&1; then
		ok "$what"
	else
		notok "$what" "command: $*" "$(head -n 20 "$T/check.out")"
	fi
}

# run_tool TOOL ARGS...: runs it, stdout to $T/out, stderr to $T/err,
# status in $rc.
run_tool() {
	tool=$1
	shift
	"$BIN/$tool" "$@" > "$T/out" 2> "$T/err"
	rc=$?
}

# expect WHAT RC [STDERR-PATTERN]: checks the last run_tool's status and
# that stderr matches the pattern (grep -E) when one is given.
expect() {
	what=$1 want=$2 pat=${3:-}
	if [ "$rc" != "$want" ]; then
		notok "$what" "exit status $rc, want $want" "$(head -n 5 "$T/err")"
	elif [ -n "$pat" ] && ! grep -Eq -- "$pat" "$T/err"; then
		notok "$what" "stderr does not match /$pat/:" "$(head -n 5 "$T/err")"
	else
		ok "$what"
	fi
}

# same WHAT FILE1 FILE2: ok when the files are identical.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		notok "$1" "$(diff -u "$2" "$3" | head -n 20)"
	fi
}

# with_memory_limit KB COMMAND...: runs the command under ulimit -v,
# where the sanitizers (which reserve terabytes of address space) are off.
with_memory_limit() {
	kb=$1
	shift
	if [ -n "$SANITIZE" ]; then
		"$@"
	else
		(ulimit -v "$kb" && "$@")
	fi
}
