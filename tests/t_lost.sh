# t_lost.sh: "nothing lost", as properties over 1,200 random gazette-like
# cases (tests/lost/gen.awk), each tool run once over all of them:
# (a) ocr-clean: every non-blank input line is kept, in order, in a
#     paragraph whose `line` is where it starts, or listed in --dropped
#     as it was (tests/unit/account, a case at a time by --report);
# (b) segment: every clean paragraph is in exactly one output row, with
#     its line, page and text (tests/lost/segment.awk).
. "$top/tests/lib.sh"

n=1200
L=$T/cases
mkdir -p "$L" "$T/seg-in"
awk -v dir="$L" -v n=$n -v seed=20240228 -f "$top/tests/lost/gen.awk"
[ "$(wc -l < "$L/list")" -ge 1000 ] && ok "$n random cases generated" ||
    notok "$n random cases generated" "$(wc -l < "$L/list") in $L/list"
# One case in 30 in GB18030, one in 60 in UTF-16 with a byte order mark.
awk 'NR % 30 == 7 { print "GB18030", $0 } NR % 60 == 13 { print "UTF-16", $0 }' "$L/list" |
while read -r enc f; do
	iconv -c -f UTF-8 -t "$enc" "$f" > "$f.enc" 2> /dev/null
	mv "$f.enc" "$f"
done

# (a) ocr-clean.
# shellcheck disable=SC2046
"$BIN/ocr-clean" --dropped "$T/dropped.tsv" --report "$T/report.tsv" $(cat "$L/list") \
    > "$T/clean.tsv" 2> "$T/clean.err"
rc=$?
[ $rc -le 1 ] && ok "ocr-clean over the cases: status $rc, no crash" ||
    notok "ocr-clean over the cases: status $rc, no crash" "$(tail -n 3 "$T/clean.err")"
# Status 1 only for inputs refused as binary (a few control bytes in a
# short case), and those say so.
awk -F'\t' 'NR > 1 && $8 != 0' "$T/report.tsv" | cut -f1 > "$T/refused"
if [ -s "$T/refused" ]; then
	while read -r f; do
		grep -q "^ocr-clean: $f: binary input" "$T/clean.err" || echo "$f"
	done < "$T/refused" > "$T/refused.bad"
else
	: > "$T/refused.bad"
fi
[ ! -s "$T/refused.bad" ] && ok "ocr-clean: a case fails only as binary input ($(wc -l < "$T/refused") of $n)" ||
    notok "ocr-clean: a case fails only as binary input" "$(head -n 5 "$T/refused.bad")"
# shellcheck disable=SC2046
"$top/tests/unit/account" -r "$T/report.tsv" "$T/clean.tsv" "$T/dropped.tsv" $(cat "$L/list") \
    > "$T/account.out" 2> /dev/null
if [ $? -eq 0 ] && grep -q "^$n inputs, .* all accounted for" "$T/account.out"; then
	ok "ocr-clean: every line of $n cases kept where its paragraph says, or listed in --dropped"
else
	notok "ocr-clean: every line of $n cases kept where its paragraph says, or listed in --dropped" \
	    "$(head -n 20 "$T/account.out")"
fi

# (b) segment, over the clean stream of each case (split by the report's
# count of paragraphs).
awk -F'\t' -v out="$T/seg-in" '
	FNR == 1 { file++ }
	file == 1 { if (FNR > 1) { src[FNR - 1] = $1; np[FNR - 1] = $4 }; next }
	FNR == 1 { hdr = $0; c = 1; left = np[1]; f = case(1); print hdr > f; next }
	{
		while (left == 0) { close(f); c++; left = np[c]; f = case(c); print hdr > f }
		print > f
		left--
	}
	END { while (c < length(np)) { close(f); c++; f = case(c); print hdr > f } }
	function case(k,   s) { s = src[k]; sub(/.*\//, "", s); sub(/\.txt$/, ".tsv", s); return out "/" s }
' "$T/report.tsv" "$T/clean.tsv"
ls "$T/seg-in" | sed "s|^|$T/seg-in/|" > "$T/seg-list"
[ "$(wc -l < "$T/seg-list")" = $n ] && ok "the clean stream split into $n cases by the report" ||
    notok "the clean stream split into $n cases by the report" "$(wc -l < "$T/seg-list") files"
# shellcheck disable=SC2046
"$BIN/segment" $(cat "$T/seg-list") > "$T/seg.tsv" 2> "$T/seg.err"
rc=$?
[ $rc = 0 ] && ok "segment over the cases: status 0" ||
    notok "segment over the cases: status 0" "status $rc" "$(tail -n 3 "$T/seg.err")"
# shellcheck disable=SC2046
awk -f "$top/tests/lost/segment.awk" $(cat "$T/seg-list") "$T/seg.tsv" > "$T/seg.out"
if [ $? -eq 0 ] && grep -q "^$n cases, .* all accounted for" "$T/seg.out"; then
	ok "segment: every paragraph of $n cases in exactly one row, with its line, page and text"
else
	notok "segment: every paragraph of $n cases in exactly one row, with its line, page and text" \
	    "$(head -n 20 "$T/seg.out")"
fi
