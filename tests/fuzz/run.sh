#!/bin/sh
# tests/fuzz/run.sh SECONDS TARGET...: runs each fuzz target of
# tests/fuzz/obj for SECONDS seconds and prints a line of figures for
# it from libFuzzer's final stats: seconds run, executions, coverage
# (cov: edges, ft: features), corpus size, peak memory.  The corpus grows in
# tests/fuzz/corpus/TARGET over runs, starting from the seeds in
# tests/fuzz/seeds/TARGET; a crash, leak, timeout (10 s) or memory
# overrun (2048 MB) leaves its input in tests/fuzz/artifacts/ and makes
# the exit status 1.  The full log of a target is
# tests/fuzz/logs/TARGET.log.  FUZZ_FLAGS adds libFuzzer flags.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$top/tests/fuzz
secs=$1
shift

# Longest input per target: enough for a few pages of raw text or a
# document of paragraphs, a long paragraph for the parsers.
max_len() {
	case $1 in
	clause|deadline) echo 1024 ;;
	*) echo 16384 ;;
	esac
}

mkdir -p "$dir/artifacts" "$dir/logs"
failed=0
for t in "$@"; do
	mkdir -p "$dir/corpus/$t"
	log=$dir/logs/$t.log
	"$dir/obj/fuzz-$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -max_len="$(max_len "$t")" -print_final_stats=1 \
	    -artifact_prefix="$dir/artifacts/$t-" ${FUZZ_FLAGS:-} \
	    "$dir/corpus/$t" "$dir/seeds/$t" > "$log" 2>&1
	rc=$?
	awk -v t="$t" -v rc="$rc" '
		/^#[0-9]+/ && / cov: / {
			for (i = 1; i <= NF; i++) {
				if ($i == "cov:") cov = $(i + 1)
				if ($i == "ft:") ft = $(i + 1)
				if ($i == "corp:") corp = $(i + 1)
			}
		}
		/^Done [0-9]+ runs in [0-9]+ second/ { secs = $5 }
		/^stat::number_of_executed_units:/ { execs = $2 }
		/^stat::average_exec_per_sec:/ { rate = $2 }
		/^stat::peak_rss_mb:/ { rss = $2 }
		/^==[0-9]+==ERROR|^SUMMARY|^fuzz: |ERROR: libFuzzer/ && !why { why = $0 }
		END {
			printf "%-13s %s s: execs %s (%s/s) cov %s ft %s corpus %s rss %s MB", t,
			    secs, execs, rate, cov, ft, corp, rss
			if (rc != 0) printf "  FAILED (%s)", why ? why : "status " rc
			print ""
		}' "$log"
	[ $rc -eq 0 ] || failed=1
done
exit $failed
