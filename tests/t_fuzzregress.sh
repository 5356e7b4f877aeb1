# t_fuzzregress.sh: the inputs on which the fuzz targets found bugs,
# tests/fuzz/regress/TARGET-N (docs/fuzzing.md).  Each is replayed
# through its target built with the ordinary compiler (make check
# builds tests/fuzz/obj/replay-TARGET), which checks the target's
# promises, and fed to the tool that reads such input: the bytes after
# the option byte to ocr-clean, to-csv, segment or extract-appointments
# (when they are a stream), a clause input as the text of an item to
# extract-tasks.  The tool must exit 0, 1 or 2 without a sanitizer
# report.
. "$top/tests/lib.sh"

R=$top/tests/fuzz/regress
# A sanitizer's own exit status must not pass for a tool's 1.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99
UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=99:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS

sanitizer_said() {
	grep -Eq 'runtime error|ERROR: (Address|Leak|UndefinedBehavior)Sanitizer' "$1"
}

for f in "$R"/*-[0-9]*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	target=${name%-*}
	"$top/tests/fuzz/obj/replay-$target" "$f" > "$T/out" 2> "$T/err"
	rc=$?
	if [ $rc -eq 0 ] && ! sanitizer_said "$T/err"; then
		ok "fuzz regression $name: the $target target takes it"
	else
		notok "fuzz regression $name: the $target target takes it" \
		    "status $rc; replay: tests/fuzz/obj/replay-$target $f" "$(head -n 12 "$T/err")"
	fi
	# The tool that reads such input, given what the target reads
	# after its option bytes.
	mode=$(head -c 1 "$f" | od -An -tu1 | tr -d ' ')
	case $target in
	ocrclean|conv) tool=ocr-clean skip=1 ;;
	tsv) tool=to-csv skip=1 ;;
	segment) tool=segment skip=1; [ $((mode % 2)) = 1 ] || tool= ;;
	appointments) tool=extract-appointments skip=1; [ $((mode % 2)) = 1 ] || tool= ;;
	clause) tool=extract-tasks skip=0 ;;
	deadline) tool=extract-tasks skip=2 ;;
	*) tool= ;;
	esac
	[ -n "$tool" ] || continue
	tail -c +$((skip + 1)) "$f" > "$T/in"
	if [ "$tool" = extract-tasks ]; then
		# The text as an item of a document, for extract-tasks --all.
		{
			printf 'source\tdoc\tpage\tline\tpara\tkind\ttext\n'
			printf 's\t1\t1\t1\t1\ttitle\t某市人民政府关于做好工作的通知\n'
			printf 's\t1\t1\t2\t2\tbody\t一、总体要求\n'
			printf 's\t1\t1\t3\t3\tbody\t1．'
			sed 's/\\/\\\\/g; s/\t/\\t/g' "$T/in" | tr '\n' ' '
			printf '\n'
		} > "$T/item.tsv"
		set -- --all "$T/item.tsv"
	else
		set -- "$T/in"
	fi
	run_tool "$tool" "$@"
	if [ $rc -le 2 ] && ! sanitizer_said "$T/err"; then
		ok "fuzz regression $name: $tool exits $rc"
	else
		notok "fuzz regression $name: $tool exits with 0, 1 or 2" \
		    "status $rc" "$(head -n 12 "$T/err")"
	fi
done
