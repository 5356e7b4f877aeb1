# t_golden.sh: the golden cases, fixtures/TOOL/CASE.in with .expected,
# and optionally .args (options and operands), .rc (exit status, else 0)
# and .stderr (expected diagnostics).  Each runs in fixtures/TOOL with
# CASE.in on standard input.
. "$top/tests/lib.sh"

for dir in "$FIX"/*/; do
	tool=$(basename "$dir")
	[ -x "$BIN/$tool" ] || continue
	for in in "$dir"*.in; do
		[ -e "$in" ] || continue
		case=${in%.in}
		name=$tool/$(basename "$case")
		args=
		[ -f "$case.args" ] && args=$(cat "$case.args")
		want_rc=0
		[ -f "$case.rc" ] && want_rc=$(cat "$case.rc")
		# shellcheck disable=SC2086
		(cd "$dir" && "$BIN/$tool" $args < "$in" > "$T/out" 2> "$T/err")
		rc=$?
		cmdline="cd fixtures/$tool && ../../bin/$tool $args < $(basename "$in")"
		if [ "$rc" != "$want_rc" ]; then
			notok "$name" "$cmdline" "exit status $rc, want $want_rc" "$(head -n 5 "$T/err")"
		elif ! cmp -s "$case.expected" "$T/out"; then
			notok "$name" "$cmdline" "$(diff -u "$case.expected" "$T/out" | head -n 30)"
		elif [ -f "$case.stderr" ] && ! cmp -s "$case.stderr" "$T/err"; then
			notok "$name" "$cmdline" "$(diff -u "$case.stderr" "$T/err" | head -n 10)"
		else
			ok "$name"
		fi
	done
done
