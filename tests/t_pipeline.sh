# t_pipeline.sh: pipelines/gazette2csv and pipelines/gazette.mk.
. "$top/tests/lib.sh"

cd "$T" || exit 2
# The script beside a bin/ that is $BIN, so that it runs the tools under
# test (it takes the bin/ beside its own directory).
mkdir gz gz/pipelines
ln -s "$BIN" gz/bin
cp "$top/pipelines/gazette2csv" gz/pipelines/
G=$T/gz/pipelines/gazette2csv

# gz OUTDIR ARGS...: runs gazette2csv, stderr to $T/err, status in $rc.
gz() {
	o=$1
	shift
	"$G" -q -o "$o" "$@" > "$T/out" 2> "$T/err"
	rc=$?
}

# csv_rows FILE: the number of data rows of a CSV (fields hold no
# line breaks in these datasets).
csv_rows() { echo $(($(wc -l < "$1") - 1)); }

# The datasets of one issue, straight from the tools.
by_hand() { # file name dataset
	"$BIN/ocr-clean" "$1" 2> /dev/null | "$BIN/segment" -s "$2" 2> /dev/null |
	    "$BIN/extract-$3" 2> /dev/null
}

# ---- a fresh run over the fixtures ----
set -- "$FIX"/lvliang-2024-02.txt "$FIX"/taiyuan-2023-05.txt "$FIX"/taiyuan-2023-05-oneline.txt
gz run1 "$@"
expect "gazette2csv over the fixtures exits 0" 0
for f in documents.csv tasks.csv appointments.csv sources.csv warnings.tsv; do
	[ -f run1/$f ] && ok "gazette2csv writes $f" || notok "gazette2csv writes $f" "$(ls -A run1)"
done
for x in documents tasks appointments; do
	{
		by_hand "$1" lvliang-2024-02 $x
		by_hand "$2" taiyuan-2023-05 $x | tail -n +2
		by_hand "$3" taiyuan-2023-05-oneline $x | tail -n +2
	} | "$BIN/to-csv" > by-hand.csv
	same "$x.csv holds every input's rows, in input order, as the tools give them" \
	    by-hand.csv run1/$x.csv
done
[ "$(csv_rows run1/documents.csv)" = 19 ] && ok "documents.csv: 13 + 3 + 3 documents" ||
    notok "documents.csv: 13 + 3 + 3 documents" "$(csv_rows run1/documents.csv) rows"

head -n 1 run1/sources.csv > got
echo 'file,sha256,bytes,encoding,version,pages,documents,tasks,appointments,warnings,status,reason' > want
same "sources.csv has its header" want got
line=$(grep '^[^,]*lvliang-2024-02.txt,' run1/sources.csv | cut -d, -f2-)
sum=$(sha256sum < "$1" | cut -c1-64)
size=$(wc -c < "$1" | tr -d ' ')
ver=$("$BIN/ocr-clean" --version | cut -d' ' -f2)
nt=$(by_hand "$1" lvliang-2024-02 tasks | tail -n +2 | wc -l | tr -d ' ')
want="$sum,$size,UTF-8,$ver,62,13,$nt,27,0,ok,"
[ "$line" = "$want" ] && ok "sources.csv: the fixture's checksum, size, encoding, version, pages and counts" ||
    notok "sources.csv: the fixture's checksum, size, encoding, version, pages and counts" \
	"got:  $line" "want: $want"
[ "$(cut -d, -f1 run1/sources.csv | tail -n +2)" = "$(printf '%s\n' "$@")" ] &&
    ok "sources.csv: one row per input, in input order" ||
    notok "sources.csv: one row per input, in input order" "$(cut -d, -f1 run1/sources.csv)"

gz run2 "$@"
for f in documents.csv tasks.csv appointments.csv sources.csv warnings.tsv; do
	same "a second run gives the same $f" run1/$f run2/$f
done
gz run-j1 -j 1 "$@"
gz run-j8 -j 8 "$@"
for f in documents.csv tasks.csv appointments.csv sources.csv warnings.tsv; do
	same "-j 1 and -j 8 give the same $f" run-j1/$f run-j8/$f
done
same "-j 8 and the default give the same tasks.csv" run1/tasks.csv run-j8/tasks.csv

# A directory operand: its *.txt, sorted, and nothing else.
mkdir dir
cp "$FIX/taiyuan-2023-05.txt" dir/b.txt
cp "$FIX/taiyuan-2023-05-oneline.txt" dir/a.txt
cp "$FIX/taiyuan-2023-05.txt" dir/c.text
gz run-dir dir
[ "$(cut -d, -f1 run-dir/sources.csv | tail -n +2 | tr '\n' ' ')" = "dir/a.txt dir/b.txt " ] &&
    ok "a directory means its *.txt in sorted order" ||
    notok "a directory means its *.txt in sorted order" "$(cat run-dir/sources.csv)"
[ "$(cut -d, -f1 run-dir/documents.csv | tail -n +2 | uniq | tr '\n' ' ')" = "a b " ] &&
    ok "the source column is the file name without its extension" ||
    notok "the source column is the file name without its extension" "$(cut -d, -f1 run-dir/documents.csv)"

gz run-bom --bom --to-code GB18030 dir
head -c 3 run-bom/documents.csv | od -An -tx1 | tr -d ' \n' > got
echo efbbbf > want
if cmp -s got want; then
	notok "--to-code GB18030 --bom: no UTF-8 byte order mark on GB18030"
else
	iconv -f GB18030 -t UTF-8 run-bom/documents.csv | tail -n +2 > got 2> /dev/null
	tail -n +2 run-dir/documents.csv | tr -d '\r' > want
	tr -d '\r' < got > got2
	same "--to-code GB18030 writes the same rows in GB18030" want got2
fi
gz run-bom2 --bom dir
[ "$(head -c 3 run-bom2/tasks.csv | od -An -tx1 | tr -d ' \n')" = efbbbf ] &&
    ok "--bom starts each CSV with a byte order mark" ||
    notok "--bom starts each CSV with a byte order mark"

# Two inputs of one name.
mkdir dup
cp "$FIX/taiyuan-2023-05.txt" dup/a.txt
gz run-dup dir/a.txt dup/a.txt
expect "two inputs of one name: a warning, not a failure" 0 "warning: a is the name of more than one input"
grep -q '^a		gazette2csv	the name of more than one input$' run-dup/warnings.tsv &&
    ok "... also in warnings.tsv" || notok "... also in warnings.tsv" "$(cat run-dup/warnings.tsv)"

# ---- broken inputs ----
mkdir bad
cp "$FIX/taiyuan-2023-05.txt" bad/a-good.txt
awk 'BEGIN { srand(7); for (i = 0; i < 4000; i++) printf "%c", 1 + int(rand() * 255) }' > bad/b-noise.txt
printf 'x\000y\n' >> bad/b-noise.txt
: > bad/c-empty.txt
printf '今天天气很好。\n我们去公园散步，看见许多人。\n' > bad/d-prose.txt
cp "$FIX/taiyuan-2023-05-oneline.txt" bad/e-good.txt
gz run-bad bad bad/missing.txt
expect "a batch with broken inputs exits 1" 1 "4 of 6 inputs failed"
[ "$(cut -d, -f1 run-bad/documents.csv | tail -n +2 | uniq | tr '\n' ' ')" = "a-good e-good " ] &&
    ok "the good inputs' rows are written despite the broken ones" ||
    notok "the good inputs' rows are written despite the broken ones" "$(cat run-bad/documents.csv)"
cut -f1,3,4 run-bad/warnings.tsv | grep 'gazette2csv' > got
cat > want <<'EOF'
b-noise	gazette2csv	failed: binary input: NUL byte at offset 4001 (UTF-16 needs a byte order mark or -f UTF-16LE)
c-empty	gazette2csv	failed: empty file
d-prose	gazette2csv	failed: no document found: not a gazette
missing	gazette2csv	failed: no such file
EOF
same "warnings.tsv names each broken input and why" want got
grep ',failed,' run-bad/sources.csv | cut -d, -f1,11- > got
cat > want <<'EOF'
bad/b-noise.txt,failed,binary input: NUL byte at offset 4001 (UTF-16 needs a byte order mark or -f UTF-16LE)
bad/c-empty.txt,failed,empty file
bad/d-prose.txt,failed,no document found: not a gazette
bad/missing.txt,failed,no such file
EOF
same "sources.csv marks each broken input failed, with the reason" want got
grep -q "^bad/c-empty.txt,e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855,0," run-bad/sources.csv &&
    ok "sources.csv gives an empty file's checksum and size" ||
    notok "sources.csv gives an empty file's checksum and size" "$(grep c-empty run-bad/sources.csv)"

# ---- usage and output errors ----
gz run-x
expect "no operand is a usage error" 2 "usage:"
gz run-x -j 0 dir
expect "-j 0 is a usage error" 2 "positive"
gz run-x --frobnicate dir
expect "an unknown option is a usage error" 2 "unknown option --frobnicate"
gz run-missing no-such-dir/
expect "an operand that names nothing is a failed input, not a crash" 1 "1 of 1 inputs failed"
mkdir mine
echo precious > mine/notes.txt
gz mine dir
expect "an OUTDIR that is not an earlier output is not replaced" 2 "not an output of gazette2csv"
[ "$(cat mine/notes.txt)" = precious ] && ok "... and its files are left alone" ||
    notok "... and its files are left alone"
gz run-x --to-code NO-SUCH-CODE dir
expect "an unknown output encoding is a usage error" 2 "cannot encode to NO-SUCH-CODE"
[ ! -e run-x ] && ok "a run that stops on an error writes no OUTDIR" ||
    notok "a run that stops on an error writes no OUTDIR" "$(ls -A run-x)"
if [ "$(id -u)" != 0 ]; then
	mkdir ro && chmod 555 ro
	gz ro/out dir
	expect "an OUTDIR that cannot be written is an output error" 2 "cannot write"
fi
"$G" --version > out 2>&1 && grep -q '^gazette2csv [0-9]' out && ok "--version names the version" ||
    notok "--version names the version" "$(cat out)"
"$G" -h > out 2>&1 && grep -q '^usage: gazette2csv' out && ok "-h prints the usage and exits 0" ||
    notok "-h prints the usage and exits 0" "$(cat out)"

# ---- killed halfway ----
mkdir many
i=0
while [ $i -lt 150 ]; do
	cp "$FIX/taiyuan-2023-05.txt" many/issue-$i.txt
	i=$((i + 1))
done
gz keep dir
cp -R keep keep.before
"$G" -q -j 1 -o keep many > /dev/null 2> err &
gpid=$!
# Wait until some files are done (a minute at most, for a loaded
# machine), then stop the run.
n=0 d=0 tmpd=''
while [ $n -lt 1200 ]; do
	for x in .keep.tmp.*; do
		[ -d "$x" ] && tmpd=$x
	done
	d=$(cat .keep.tmp.*/done 2> /dev/null | wc -l)
	[ "$d" -ge 3 ] && break
	sleep 0.05
	n=$((n + 1))
done
kill -TERM $gpid
wait $gpid
rc=$?
[ "$d" -ge 3 ] && [ "$d" -lt 150 ] && ok "the run was stopped halfway ($d of 150 files done)" ||
    notok "the run was stopped halfway ($d of 150 files done)"
[ $rc = 143 ] && ok "a run stopped by SIGTERM exits 143" || notok "a run stopped by SIGTERM exits 143" "status $rc"
if diff -r keep.before keep > diff.out 2>&1; then
	ok "a run stopped by SIGTERM leaves the previous OUTDIR as it was"
else
	notok "a run stopped by SIGTERM leaves the previous OUTDIR as it was" "$(head diff.out)"
fi
left=$(ls -A | grep '\.tmp\.')
[ -z "$left" ] && ok "... and leaves no temporary directory" ||
    notok "... and leaves no temporary directory" "$left"
# Its jobs name its temporary directory, whose random name is this
# run's alone; give dying jobs a few seconds.
procs=x n=0
while [ -n "$procs" ] && [ $n -lt 50 ]; do
	procs=''
	# The pattern's last character in brackets: grep's own command
	# line does not match it.
	[ -n "$tmpd" ] && procs=$(grep -l -- "$(printf '%s' "$tmpd" |
	    sed 's/\./\\./g; s/\(.\)$/[\1]/')" /proc/[0-9]*/cmdline 2> /dev/null)
	[ -n "$procs" ] && sleep 0.1
	n=$((n + 1))
done
[ -n "$tmpd" ] && [ -z "$procs" ] && ok "... and no job running" ||
    notok "... and no job running" "${tmpd:-no temporary directory seen}" "$procs"

# ---- incremental ----
# A copy of the pipeline beside shims of the tools that log each run of
# ocr-clean, so that the test sees which inputs were computed.
mkdir -p shim/pipelines shim/bin inc
cp "$G" shim/pipelines/
for t in ocr-clean segment extract-documents extract-tasks extract-appointments to-csv; do
	cat > shim/bin/$t <<EOF
#!/bin/sh
[ $t = ocr-clean ] && [ "\${1:-}" = --report ] && echo "\$3" >> "$T/computed"
exec "$BIN/$t" "\$@"
EOF
	chmod +x shim/bin/$t
done
cp "$FIX/taiyuan-2023-05.txt" inc/a.txt
cp "$FIX/taiyuan-2023-05-oneline.txt" inc/b.txt
cp "$FIX/taiyuan-2023-05.txt" inc/c.txt
: > computed
shim/pipelines/gazette2csv -q -o inc-out --incremental inc 2> err
[ "$(sort computed | tr '\n' ' ')" = "inc/a.txt inc/b.txt inc/c.txt " ] &&
    ok "--incremental with no earlier run computes every input" ||
    notok "--incremental with no earlier run computes every input" "$(cat computed)"
cp -R inc-out inc-before
: > computed
shim/pipelines/gazette2csv -q -o inc-out --incremental inc 2> err
[ ! -s computed ] && ok "--incremental over unchanged inputs computes none" ||
    notok "--incremental over unchanged inputs computes none" "$(cat computed)"
for f in documents.csv tasks.csv appointments.csv sources.csv warnings.tsv; do
	same "... and gives the same $f" inc-before/$f inc-out/$f
done
# Change b: its document numbers become others.
sed 's/〔2023〕/〔2022〕/' "$FIX/taiyuan-2023-05-oneline.txt" > inc/b.txt
touch inc/a.txt
: > computed
shim/pipelines/gazette2csv -q -o inc-out --incremental inc 2> err
[ "$(cat computed)" = inc/b.txt ] &&
    ok "--incremental recomputes only the changed input" ||
    notok "--incremental recomputes only the changed input" "$(cat computed)"
grep -q '^b,.*〔2022〕' inc-out/documents.csv && ! grep -q '^b,.*〔2023〕' inc-out/documents.csv &&
    ok "... whose rows are the new ones" || notok "... whose rows are the new ones" "$(grep '^b,' inc-out/documents.csv)"
shim/pipelines/gazette2csv -q -o inc-full inc 2> err
for f in documents.csv tasks.csv appointments.csv sources.csv; do
	same "... and $f is what a full run gives" inc-full/$f inc-out/$f
done
: > computed
shim/pipelines/gazette2csv -q -o inc-out inc 2> err
[ "$(wc -l < computed | tr -d ' ')" = 3 ] && ok "without --incremental every input is computed" ||
    notok "without --incremental every input is computed" "$(cat computed)"
# Another build of the tools does not reuse the cache.
echo '# another build' >> shim/bin/segment
: > computed
shim/pipelines/gazette2csv -q -o inc-out --incremental inc 2> err
[ "$(wc -l < computed | tr -d ' ')" = 3 ] && ok "--incremental does not reuse results of other tools" ||
    notok "--incremental does not reuse results of other tools" "$(cat computed)"

# ---- progress ----
if command -v script > /dev/null 2>&1; then
	script -qec "$G -o prog dir" /dev/null > tty.out 2>&1
	if grep -q '\[2/2\] [ab]\.txt [0-9.]* s' tty.out; then
		ok "on a terminal, a progress line per finished file"
	else
		notok "on a terminal, a progress line per finished file" "$(od -c tty.out | head -5)"
	fi
	script -qec "$G -q -o prog dir" /dev/null > tty.out 2>&1
	[ ! -s tty.out ] && ok "-q: no progress on a terminal" || notok "-q: no progress on a terminal" "$(cat tty.out)"
else
	ok "# skip: no script(1) for a terminal"
fi
gz prog2 dir
[ ! -s err ] && ok "no progress when stderr is not a terminal" || notok "no progress when stderr is not a terminal" "$(cat err)"

# ---- the other ways to run it: make -j and GNU parallel ----
mkdir mk-in
cp "$FIX/lvliang-2024-02.txt" "$FIX/taiyuan-2023-05.txt" "$FIX/taiyuan-2023-05-oneline.txt" mk-in/
gz run-mk mk-in
if make -s -f "$top/pipelines/gazette.mk" -j 2 IN=mk-in OUT=mk-out TOOLS="$BIN" > mk.err 2>&1; then
	for x in documents tasks appointments; do
		same "make -f pipelines/gazette.mk -j 2 gives gazette2csv's $x.csv" run-mk/$x.csv mk-out/$x.csv
	done
else
	notok "make -f pipelines/gazette.mk -j 2 runs" "$(head mk.err)"
fi
if command -v parallel > /dev/null 2>&1; then
	# The form of pipelines/README, without --sshlogin.
	mkdir -p par/paras
	parallel "$BIN/ocr-clean {} 2>/dev/null | $BIN/segment -s {/.} > par/paras/{/.}.tsv" ::: mk-in/*.txt
	"$BIN/extract-tasks" par/paras/*.tsv 2> /dev/null | "$BIN/to-csv" > par/tasks.csv
	same "GNU parallel, as pipelines/README shows, gives gazette2csv's tasks.csv" run-mk/tasks.csv par/tasks.csv
else
	ok "# skip: GNU parallel is not installed"
fi
