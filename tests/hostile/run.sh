#!/bin/sh
# tests/hostile/run.sh: runs every tool over the hostile inputs of
# gen.sh, as tests/hostile/cases lists them, three times each: output to
# a file, to a closed pipe (| head -n 1) and to a full disk (/dev/full).
# Prints one TAP line per case and tool; tests/run counts them.
#
# Each run must end within 20 s (timeout), stay under 256 MB (ulimit -v,
# but for SANITIZE=1), exit with the status the case names, and print
# on standard error only lines that start with the tool's name (no
# sanitizer report, no "Segmentation fault").  To a full disk the status
# is 2, with one "write error", wherever the tool writes anything; to a
# closed pipe it is the file's status or 2, with at most one "write
# error" more than the file run printed, and 2 wherever the output is
# larger than the pipe and head could take.
#
# Environment: BIN (the tools), T (a scratch folder), SANITIZE.  With
# HOSTILE_MATRIX=FILE, the statuses are also written to FILE, one line
# per case and tool: input, tool, file, pipe, full, seconds.
set -u
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

H=$T/in
# Under the sanitizers the big inputs are a quarter the size: the tools
# run three times slower there, and every case is kept.
scale=1
[ -n "$SANITIZE" ] && scale=4
sh "$here/gen.sh" "$H" $scale || { notok "hostile inputs generated"; exit 0; }
# 256 MB for every run from here on (the sanitizers reserve terabytes of
# address space: not under them).  One ulimit for all, not a subshell
# for each run: forks are what this suite costs.
[ -z "$SANITIZE" ] && ulimit -v 262144
# Leak checks cost a fifth of a second a run; the file run keeps them,
# the runs into a pipe and a full disk (about exit paths) go without.
nl_opts="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# Every run ends within 20 s, or fails with status 124.  Standard input
# is /dev/null: a tool that read it by mistake would not wait.
tmo=
command -v timeout > /dev/null 2>&1 && tmo="timeout 20"

# derived INPUT: sets f to the file an input of the table names.
# @clean:X is ocr-clean's stream of X, @seg:X segment's stream of that:
# the pipeline's own streams, made once from the hostile text.
derived() {
	case $1 in
	@clean:*)
		f=$H/clean-of-${1#@clean:}.tsv
		[ -f "$f" ] || "$BIN/ocr-clean" "$H/${1#@clean:}" > "$f" 2> /dev/null < /dev/null
		;;
	@seg:*)
		derived "@clean:${1#@seg:}"
		g=$f
		f=$H/seg-of-${1#@seg:}.tsv
		[ -f "$f" ] || "$BIN/segment" "$g" > "$f" 2> /dev/null < /dev/null
		;;
	*) f=$H/$1 ;;
	esac
}

# The verdict on the cases of a folder, from the statuses of their
# three runs in its index, their output and their stderr: a TAP line a
# case, with what failed.  One awk for all: forks are what this suite
# costs.
verdict='
function alien(f, tool,   l, bad) {
	bad = ""
	while ((getline l < f) > 0)
		if (index(l, tool ": ") != 1 && bad == "")
			bad = l
	close(f)
	return bad
}
function count(f, re,   l, n) {
	n = 0
	while ((getline l < f) > 0)
		if (l ~ re)
			n++
	close(f)
	return n
}
function lines(f,   l, n) {
	n = 0
	while ((getline l < f) > 0)
		n++
	close(f)
	return n
}
# The size of the output, counted up to 256 KiB and a line.
function size(f,   l, n) {
	n = 0
	while (n <= 262144 && (getline l < f) > 0)
		n += length(l) + 1
	close(f)
	return n
}
function first(f,   l) {
	l = ""
	getline l < f
	close(f)
	return l
}
function say(s) { out = out (out == "" ? "" : "; ") s }
BEGIN { FS = "\t" }
{
	n = $1; tool = $2; want = $3; frc = $4; drc = $5; prc = $6
	cmd = $7; input = $8; file = $9; pat = $10
	b = d "/" n
	fe = b ".file.err"; de = b ".full.err"; pe = b ".pipe.err"
	we = "^" tool ": write error"
	sz = size(b ".out")
	out = ""

	# To a file: the status of the case, a message for a failure, the
	# pattern, nothing on stderr but the tool'"'"'s own lines.
	if (frc == 124) say("to a file: no end within 20 s")
	else if (frc > 2) say("to a file: status " frc " (a crash)")
	else if (frc != want) say("to a file: status " frc ", want " want)
	if ((a = alien(fe, tool)) != "") say("to a file: stderr has: " a)
	else if (frc != 0 && lines(fe) == 0) say("to a file: status " frc " and no message")
	if (pat != "" && count(fe, pat) == 0) say("to a file: no line of stderr matches /" pat "/")

	# To a full disk: 2 with one write error wherever anything is
	# written; else the status to a file.
	wfull = sz > 0 ? 2 : frc
	if (drc == 124) say("to /dev/full: no end within 20 s")
	else if (drc != wfull) say("to /dev/full: status " drc ", want " wfull)
	else if (sz > 0 && (k = count(de, we)) != 1) say("to /dev/full: " k " write errors, want 1")
	if ((a = alien(de, tool)) != "") say("to /dev/full: stderr has: " a)

	# To a closed pipe: the status to a file or 2 (2 when the output
	# cannot all have gone into the pipe), at most one message more,
	# and what went in is where the output starts.
	if (prc == 124) say("to a closed pipe: no end within 20 s")
	else if (prc != frc && prc != 2) say("to a closed pipe: status " prc ", want " frc " or 2")
	else if (sz > 262144 && prc != 2) say("to a closed pipe: status " prc " after " sz " bytes, want 2")
	else if (prc == 2 && frc != 2 && (k = count(pe, we)) != 1) say("to a closed pipe: " k " write errors, want 1")
	if (lines(pe) > lines(fe) + 1) say("to a closed pipe: " lines(pe) " lines on stderr, " lines(fe) " to a file")
	if ((a = alien(pe, tool)) != "") say("to a closed pipe: stderr has: " a)
	if (first(b ".pipe") != first(b ".out")) say("to a closed pipe: the first line differs")

	if (out == "") {
		print "ok - " cmd " < " input ": status " want
	} else {
		print "not ok - " cmd " < " input ": status " want
		print "# " out
		print "# command: " bin "/" cmd " " file
	}
	checked++
}
END {
	if (checked != expect)
		print "not ok - " d ": " expect " cases run, " checked " checked"
}'

# hostile TOOL-AND-ARGS INPUT WANT [PATTERN]: the three runs of a case,
# the N-th of the folder $D; a line of its index.
hostile() {
	cmd=$1 in=$2 want=$3 pat=${4:-}
	tool=${cmd%% *}
	args=
	[ "$tool" != "$cmd" ] && args=${cmd#* }
	derived "$in"
	N=$((N + 1))
	b=$D/$N
	[ -n "${HOSTILE_MATRIX:-}" ] && start=$(date +%s)

	# shellcheck disable=SC2086
	$tmo "$BIN/$tool" $args "$f" > "$b.out" 2> "$b.file.err" < /dev/null
	file_rc=$?
	[ -n "${HOSTILE_MATRIX:-}" ] && secs=$(($(date +%s) - start))
	# shellcheck disable=SC2086
	ASAN_OPTIONS=$nl_opts $tmo "$BIN/$tool" $args "$f" > /dev/full 2> "$b.full.err" < /dev/null
	full_rc=$?
	# shellcheck disable=SC2086
	{ ASAN_OPTIONS=$nl_opts $tmo "$BIN/$tool" $args "$f" 2> "$b.pipe.err" < /dev/null; echo $? > "$b.rc"; } |
	    head -n 1 > "$b.pipe"
	read -r pipe_rc < "$b.rc"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$tool" "$want" "$file_rc" "$full_rc" \
	    "$pipe_rc" "$cmd" "$in" "$f" "$pat" >> "$D/index"
	[ -n "${HOSTILE_MATRIX:-}" ] &&
	    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$in" "$cmd" "$file_rc" "$pipe_rc" "$full_rc" "$secs" >> "$D/matrix"
	return 0
}

# cases K N: the K-th of every N cases of the table, run in $T/run-K:
# TOOL [ARGS] | INPUT | STATUS | STDERR-PATTERN (an ERE, as awk reads it).
cases() {
	D=$T/run-$1
	mkdir -p "$D"
	: > "$D/matrix"
	: > "$D/index"
	N=0
	grep -v '^#' "$here/cases" | grep -v '^[[:space:]]*$' | awk -v k="$1" -v n="$2" 'NR % n == k' |
	while IFS='|' read -r cmd in want pat; do
		# shellcheck disable=SC2086
		set -- $cmd
		cmd=$*
		# shellcheck disable=SC2086
		set -- $in $want
		in=$1 want=$2
		pat=${pat# }
		pat=${pat# }
		hostile "$cmd" "$in" "$want" "$pat"
	done
	grep -v '^#' "$here/cases" | grep -v '^[[:space:]]*$' | awk -v k="$1" -v n="$2" 'NR % n == k' |
	    wc -l > "$D/count"
	awk -v d="$D" -v bin="$BIN" -v expect="$(cat "$D/count")" "$verdict" "$D/index" > "$D/tap"
	rm -f "$D"/*.out
}

# The derived streams first (two runs must not make one at once), then
# the cases in two runs side by side: the suite waits on forks more than
# on the tools, and there are two processors to fork on.
grep -v '^#' "$here/cases" | grep -o '@[a-z]*:[^ |]*' | sort -u | while read -r in; do derived "$in"; done
cases 0 2 &
cases 1 2
wait
cat "$T/run-0/tap" "$T/run-1/tap"
if [ -n "${HOSTILE_MATRIX:-}" ]; then
	printf 'input\ttool\tfile\tpipe\tfull\tseconds\n'
	cat "$T/run-0/matrix" "$T/run-1/matrix"
fi > "${HOSTILE_MATRIX:-/dev/null}"
